package org.hashing4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.hashing4j.core.BinaryCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task failures: a task that fails once is retried and the committed output has every row exactly
 * once; a job that keeps failing leaves no output behind that could pass for a finished one.
 */
class FaultToleranceTest extends SparkTestBase {
    @TempDir
    Path dir;

    @BeforeAll
    static void allowRetries() {
        // local[N, F]: N threads, each task tried up to F times (plain local mode never retries).
        stopSpark();
        master = "local[2,2]";
        startSpark();
    }

    /** The codes with partition {@code failing} throwing on its first attempt, or on every attempt. */
    private static Dataset<Row> failing(Dataset<Row> codes, int failing, boolean always) {
        JavaRDD<Row> rdd = codes.javaRDD().mapPartitions(rows -> {
            TaskContext t = TaskContext.get();
            if (t.partitionId() == failing && (always || t.attemptNumber() == 0)) {
                throw new IllegalStateException("injected failure in partition " + failing + ", attempt " + t.attemptNumber());
            }
            return rows;
        });
        return spark.createDataFrame(rdd, codes.schema());
    }

    @Test
    void aTaskThatFailsOnceIsRetriedWithoutMissingOrDuplicatedRows() {
        BinaryCodes c = clustered(2000, 32, 30, 0.03, 11);
        Dataset<Row> codes = CodeTable.fromCodes(spark, c, null, null, 4);
        List<Row> want = NearDuplicateJoin.pairs(codes, 2).orderBy("id1", "id2").collectAsList();
        assertTrue(want.size() > 100);

        Path out = dir.resolve("pairs.parquet");
        SparkOutputs.writeParquet(NearDuplicateJoin.pairs(failing(codes, 1, false), 2), out.toString());
        assertEquals(want, spark.read().parquet(out.toString()).orderBy("id1", "id2").collectAsList());

        Path table = dir.resolve("codes.parquet");
        SparkOutputs.writeParquet(failing(codes, 2, false), table.toString());
        assertEquals(c, CodeTable.collect(CodeTable.fromFile(spark, table.toString(), null, null, 1), "codes").codes());
    }

    @Test
    void aFailedJobLeavesNoOutput() throws IOException {
        Dataset<Row> codes = CodeTable.fromCodes(spark, random(500, 16, 3), null, null, 4);
        Path out = dir.resolve("pairs.parquet");
        assertThrows(Exception.class, () -> SparkOutputs.writeParquet(NearDuplicateJoin.pairs(failing(codes, 0, true), 1),
                out.toString()));
        Path csv = dir.resolve("pairs.csv");
        assertThrows(Exception.class, () -> SparkOutputs.write(NearDuplicateJoin.pairs(failing(codes, 3, true), 1),
                csv.toString(), "id1", "id2"));
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(csv));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "no temporary output is left behind");
        }
    }
}
