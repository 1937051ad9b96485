package org.hashing4j.spark;

import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.index.ExhaustiveIndex;
import org.hashing4j.core.index.SearchResult;

import scala.Tuple2;

/**
 * Exact distributed search of a code table: the query batch is broadcast, each partition loads its
 * shard into the core's {@link ExhaustiveIndex} (the same scan kernels and counting top-k as
 * {@code hashing search}) and answers every query, and the per-shard lists are merged per query in
 * (distance, id) order. Because every shard returns its own exact top k (or everything within the
 * radius) and the index orders ties by id, the merged lists are exactly the single-machine index's.
 *
 * <p>Result rows: {@code query} (the query's id), {@code rank} (1 = nearest), {@code id},
 * {@code distance}. A query without hits (radius search) has no rows.
 */
public final class DistributedSearch {
    private DistributedSearch() {
    }

    /** Schema of search results. */
    public static StructType resultSchema() {
        return new StructType(new StructField[] {
            new StructField("query", DataTypes.LongType, false, Metadata.empty()),
            new StructField("rank", DataTypes.IntegerType, false, Metadata.empty()),
            new StructField(CodeTable.ID, DataTypes.LongType, false, Metadata.empty()),
            new StructField("distance", DataTypes.IntegerType, false, Metadata.empty())});
    }

    /**
     * The {@code k} nearest codes of each query.
     *
     * @param queryIds one id per query for the {@code query} column, or null for 0, 1, 2, …
     */
    public static Dataset<Row> search(Dataset<Row> database, BinaryCodes queries, long[] queryIds, int k) {
        if (k <= 0) {
            throw new HashingException("k must be >= 1, got " + k);
        }
        return run(database, queries, queryIds, k, -1);
    }

    /** Every code within Hamming distance {@code radius} (inclusive) of each query. */
    public static Dataset<Row> rangeSearch(Dataset<Row> database, BinaryCodes queries, long[] queryIds, int radius) {
        if (radius < 0) {
            throw new HashingException("radius must be >= 0, got " + radius);
        }
        return run(database, queries, queryIds, Integer.MAX_VALUE, radius);
    }

    /** What a task needs to know about the queries (BinaryCodes itself is not serialisable). */
    private record Queries(int bits, int size, long[] words) implements Serializable {
        BinaryCodes codes() {
            return BinaryCodes.fromWords(size, bits, words);
        }
    }

    /** One query's hits from one or more shards, ascending (distance, id). */
    record Hits(long[] ids, int[] distances) implements Serializable {
        /** Merges two sorted lists, keeping the first {@code k}. */
        Hits merge(Hits o, int k) {
            int n = (int) Math.min((long) ids.length + o.ids.length, k);
            long[] id = new long[n];
            int[] d = new int[n];
            int a = 0;
            int b = 0;
            for (int i = 0; i < n; i++) {
                boolean takeA = b >= o.ids.length || (a < ids.length
                        && (distances[a] < o.distances[b] || (distances[a] == o.distances[b] && ids[a] < o.ids[b])));
                if (takeA) {
                    id[i] = ids[a];
                    d[i] = distances[a++];
                } else {
                    id[i] = o.ids[b];
                    d[i] = o.distances[b++];
                }
            }
            return new Hits(id, d);
        }
    }

    private static Dataset<Row> run(Dataset<Row> database, BinaryCodes queries, long[] queryIds, int k, int radius) {
        int bits = CodeTable.bits(database, "database");
        if (queries.bits() != bits) {
            throw new HashingException("query codes have " + queries.bits() + " bits but the database codes have " + bits);
        }
        if (queryIds != null && queryIds.length != queries.size()) {
            throw new HashingException(queryIds.length + " query ids for " + queries.size() + " queries");
        }
        SparkSession spark = database.sparkSession();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Queries> q = jsc.broadcast(new Queries(bits, queries.size(), queries.toWords()));
        long[] qids = queryIds;
        JavaPairRDD<Integer, Hits> partial = database.select(CodeTable.ID, CodeTable.CODE).javaRDD()
                .mapPartitionsToPair(rows -> searchShard(rows, q.value(), k, radius));
        int parts = Math.max(1, partial.getNumPartitions());
        JavaRDD<Row> rows = partial.reduceByKey((a, b) -> a.merge(b, k), parts)
                .flatMap(e -> {
                    Hits h = e._2();
                    long query = qids == null ? e._1() : qids[e._1()];
                    List<Row> out = new ArrayList<>(h.ids().length);
                    for (int i = 0; i < h.ids().length; i++) {
                        out.add(RowFactory.create(query, i + 1, h.ids()[i], h.distances()[i]));
                    }
                    return out.iterator();
                });
        return spark.createDataFrame(rows, resultSchema());
    }

    /** Loads one partition into an index and answers every query; one (query, hits) per query with hits. */
    private static Iterator<Tuple2<Integer, Hits>> searchShard(Iterator<Row> rows, Queries q, int k, int radius) {
        int bpc = (q.bits() + 7) >>> 3;
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        long[] ids = new long[1024];
        int n = 0;
        while (rows.hasNext()) {
            Row r = rows.next();
            byte[] code = (byte[]) r.get(1);
            if (code.length != bpc) {
                throw new HashingException("database item " + r.getLong(0) + " has a code of " + code.length
                        + " bytes, expected " + bpc + " for " + q.bits() + " bits");
            }
            if (n == ids.length) {
                ids = java.util.Arrays.copyOf(ids, n * 2);
            }
            ids[n++] = r.getLong(0);
            packed.write(code, 0, bpc);
        }
        if (n == 0) {
            return Collections.emptyIterator();
        }
        // One thread per task: Spark runs one task per executor core already.
        ExhaustiveIndex index = new ExhaustiveIndex(q.bits(), 1);
        index.add(BinaryCodes.fromPackedBytes(packed.toByteArray(), n, q.bits()), java.util.Arrays.copyOf(ids, n));
        BinaryCodes queries = q.codes();
        SearchResult res = radius < 0 ? index.search(queries, k) : index.rangeSearch(queries, radius);
        List<Tuple2<Integer, Hits>> out = new ArrayList<>();
        for (int i = 0; i < res.queryCount(); i++) {
            if (res.count(i) > 0) {
                out.add(new Tuple2<>(i, new Hits(res.ids(i), res.distances(i))));
            }
        }
        return out.iterator();
    }
}
