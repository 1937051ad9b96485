package org.hashing4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.index.ExhaustiveIndex;
import org.hashing4j.core.index.SearchResult;
import org.junit.jupiter.api.Test;

class DistributedSearchTest extends SparkTestBase {

    /** The distributed rows as "query:rank:id:distance" strings, in (query, rank) order. */
    private static List<String> rows(Dataset<Row> result) {
        List<String> out = new ArrayList<>();
        for (Row r : result.orderBy("query", "rank").collectAsList()) {
            out.add(r.getLong(0) + ":" + r.getInt(1) + ":" + r.getLong(2) + ":" + r.getInt(3));
        }
        return out;
    }

    private static List<String> expected(SearchResult res, long[] queryIds) {
        List<String> out = new ArrayList<>();
        for (int q = 0; q < res.queryCount(); q++) {
            for (int i = 0; i < res.count(q); i++) {
                out.add((queryIds == null ? q : queryIds[q]) + ":" + (i + 1) + ":" + res.id(q, i) + ":" + res.distance(q, i));
            }
        }
        return out;
    }

    private static long[] scatteredIds(int n) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = (i * 7919L) % 100_003 + 1_000_000L * (i % 3); // not in code order, unique
        }
        return ids;
    }

    @Test
    void topKEqualsTheSingleMachineIndexOnRandomAndClusteredCodes() {
        for (int bits : new int[] {64, 30}) {
            for (BinaryCodes db : List.of(random(4000, bits, bits), clustered(4000, bits, 5, 0.02, bits + 1))) {
                long[] ids = scatteredIds(db.size());
                BinaryCodes q = clustered(40, bits, 5, 0.05, bits + 2).concat(random(10, bits, 9));
                ExhaustiveIndex index = new ExhaustiveIndex(bits, 1);
                index.add(db, ids);
                Dataset<Row> table = CodeTable.fromCodes(spark, db, ids, null, 5);
                for (int k : new int[] {3, 137}) {
                    assertEquals(expected(index.search(q, k), null), rows(DistributedSearch.search(table, q, null, k)),
                            bits + " bits, k=" + k);
                }
            }
        }
    }

    @Test
    void radiusSearchEqualsTheSingleMachineIndexWithTies() {
        BinaryCodes db = clustered(3000, 16, 4, 0.05, 3); // 16 bits: masses of ties at every distance
        long[] ids = scatteredIds(db.size());
        BinaryCodes q = clustered(30, 16, 4, 0.05, 3); // the same centres as the database
        ExhaustiveIndex index = new ExhaustiveIndex(16, 1);
        index.add(db, ids);
        Dataset<Row> table = CodeTable.fromCodes(spark, db, ids, null, 7);
        long[] qids = {5, 900, 17, 3, 44, 61, 72, 80, 91, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
            112, 113, 114, 115, 116, 117, 118, 119, 120};
        for (int r : new int[] {0, 3}) {
            List<String> got = rows(DistributedSearch.rangeSearch(table, q, qids, r));
            List<String> want = expected(index.rangeSearch(q, r), qids);
            want.sort(null);
            got.sort(null);
            assertEquals(want, got, "radius " + r);
        }
        assertTrue(index.rangeSearch(q, 3).totalCount() > 100, "the test should exercise many hits");
    }

    @Test
    void badInputIsAOneLineError() {
        Dataset<Row> table = CodeTable.fromCodes(spark, random(10, 32, 1), null, null, 2);
        assertThrows(HashingException.class, () -> DistributedSearch.search(table, random(2, 64, 1), null, 3));
        assertThrows(HashingException.class, () -> DistributedSearch.search(table, random(2, 32, 1), null, 0));
        assertThrows(HashingException.class, () -> DistributedSearch.rangeSearch(table, random(2, 32, 1), null, -1));
    }
}
