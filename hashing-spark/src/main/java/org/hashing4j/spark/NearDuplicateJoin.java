package org.hashing4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.Hamming;
import org.hashing4j.core.HashingException;

import scala.Tuple2;

/**
 * The exact near-duplicate self-join: every pair of items whose codes are within Hamming distance
 * r, as rows {@code (id1, id2, distance)} with {@code id1 < id2}.
 *
 * <p>Pigeonhole: split the bits into r+1 disjoint substrings (lengths differing by at most one, as
 * multi-index hashing does); two codes within distance r differ in at most r bits, so they agree
 * exactly on at least one substring. The job keys every code by (substring index, substring value),
 * so candidate pairs meet in one bucket; each candidate's full distance is then measured with the
 * core's {@link Hamming} kernel. A pair that agrees on several substrings meets in several buckets;
 * it is emitted only from the bucket of the first substring it agrees on, so there are no
 * duplicates and no extra shuffle to remove them.
 *
 * <p>Cost: each code is shuffled r+1 times; a bucket of b codes costs b² distance checks, so
 * codes that pile up in one substring value (very unbalanced bits, masses of exact duplicates) make
 * that bucket the slow task. With r ≥ bits every pair qualifies and all codes share one bucket.
 */
public final class NearDuplicateJoin {
    private NearDuplicateJoin() {
    }

    /** Schema of the join's pairs. */
    public static StructType pairSchema() {
        return new StructType(new StructField[] {
            new StructField("id1", DataTypes.LongType, false, Metadata.empty()),
            new StructField("id2", DataTypes.LongType, false, Metadata.empty()),
            new StructField("distance", DataTypes.IntegerType, false, Metadata.empty())});
    }

    /** Bucket key: a substring's index and its value (packed as the code's words are). */
    record Key(int part, long[] value) implements Serializable {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.part == part && Arrays.equals(k.value, value);
        }

        @Override
        public int hashCode() {
            return 31 * part + Arrays.hashCode(value);
        }
    }

    /** One item in a bucket. */
    record Item(long id, long[] words) implements Serializable {
    }

    /** Start bit of each of the {@code m} substrings of a {@code bits}-bit code, plus {@code bits} at the end. */
    static int[] substringBounds(int bits, int m) {
        int[] b = new int[m + 1];
        for (int s = 0; s < m; s++) {
            // the first bits % m substrings are one bit longer
            b[s + 1] = b[s] + bits / m + (s < bits % m ? 1 : 0);
        }
        return b;
    }

    /** Bits {@code [from, to)} of a packed code (most significant bit first), packed the same way. */
    static long[] substring(long[] words, int from, int to) {
        int len = to - from;
        long[] out = new long[(len + 63) >>> 6];
        for (int o = 0; o < out.length; o++) {
            int start = from + (o << 6);
            int n = Math.min(64, to - start);
            int w = start >>> 6;
            int off = start & 63;
            long v = words[w] << off;
            if (off != 0 && off + n > 64) {
                v |= words[w + 1] >>> (64 - off);
            }
            out[o] = n == 64 ? v : v & (-1L << (64 - n));
        }
        return out;
    }

    /** All pairs within {@code radius}, exact; see the class comment. */
    public static Dataset<Row> pairs(Dataset<Row> codes, int radius) {
        if (radius < 0) {
            throw new HashingException("radius must be >= 0, got " + radius);
        }
        int bits = CodeTable.bits(codes, "codes");
        int m = radius >= bits ? 1 : radius + 1;
        int[] bounds = radius >= bits ? new int[] {0, 0} : substringBounds(bits, m);
        JavaRDD<Row> rows = codes.select(CodeTable.ID, CodeTable.CODE).javaRDD()
                .flatMapToPair(r -> {
                    long id = r.getLong(0);
                    long[] words = words((byte[]) r.get(1), bits, id);
                    List<Tuple2<Key, Item>> out = new ArrayList<>(m);
                    Item item = new Item(id, words);
                    for (int s = 0; s < m; s++) {
                        out.add(new Tuple2<>(new Key(s, substring(words, bounds[s], bounds[s + 1])), item));
                    }
                    return out.iterator();
                })
                .groupByKey()
                .flatMap(bucket -> verify(bucket._1().part(), bucket._2(), bounds, radius));
        return codes.sparkSession().createDataFrame(rows, pairSchema());
    }

    private static long[] words(byte[] code, int bits, long id) {
        if (code.length != (bits + 7) >>> 3) {
            throw new HashingException("item " + id + " has a code of " + code.length + " bytes, expected "
                    + ((bits + 7) >>> 3) + " for " + bits + " bits");
        }
        return BinaryCodes.fromPackedBytes(code, 1, bits).row(0);
    }

    private static Iterator<Row> verify(int part, Iterable<Item> bucket, int[] bounds, int radius) {
        List<Item> items = new ArrayList<>();
        bucket.forEach(items::add);
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item a = items.get(i);
            for (int j = i + 1; j < items.size(); j++) {
                Item b = items.get(j);
                int d = Hamming.distance(a.words(), b.words());
                if (d > radius || a.id() == b.id() || agreesEarlier(a.words(), b.words(), part, bounds)) {
                    continue;
                }
                out.add(a.id() < b.id() ? RowFactory.create(a.id(), b.id(), d) : RowFactory.create(b.id(), a.id(), d));
            }
        }
        return out.iterator();
    }

    /** Whether the two codes agree on a substring before {@code part} (then that bucket emits the pair). */
    private static boolean agreesEarlier(long[] a, long[] b, int part, int[] bounds) {
        for (int s = 0; s < part; s++) {
            if (Arrays.equals(substring(a, bounds[s], bounds[s + 1]), substring(b, bounds[s], bounds[s + 1]))) {
                return true;
            }
        }
        return false;
    }
}
