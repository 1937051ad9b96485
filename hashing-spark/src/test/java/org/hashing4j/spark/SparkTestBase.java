package org.hashing4j.spark;

import java.util.Random;

import org.apache.spark.sql.SparkSession;
import org.hashing4j.core.BinaryCodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One Spark session per test class: local[2], web UI off, four shuffle partitions, so that the
 * module's tests stay well under a few minutes.
 */
abstract class SparkTestBase {
    static SparkSession spark;

    /** The master; the fault test overrides it to allow task retries in local mode. */
    static String master = "local[2]";

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master(master).appName("hashing-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.default.parallelism", "4")
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
            spark = null;
        }
        master = "local[2]";
    }

    /** Uniformly random codes. */
    static BinaryCodes random(int n, int bits, long seed) {
        Random r = new Random(seed);
        boolean[][] b = new boolean[n][bits];
        for (boolean[] row : b) {
            for (int j = 0; j < bits; j++) {
                row[j] = r.nextBoolean();
            }
        }
        return BinaryCodes.fromBooleans(b);
    }

    /** Codes around a few centres, each bit flipped with probability {@code flip}: many near pairs and ties. */
    static BinaryCodes clustered(int n, int bits, int centres, double flip, long seed) {
        Random r = new Random(seed);
        boolean[][] c = new boolean[centres][bits];
        for (boolean[] row : c) {
            for (int j = 0; j < bits; j++) {
                row[j] = r.nextBoolean();
            }
        }
        boolean[][] b = new boolean[n][bits];
        for (int i = 0; i < n; i++) {
            boolean[] centre = c[r.nextInt(centres)];
            for (int j = 0; j < bits; j++) {
                b[i][j] = centre[j] ^ (r.nextDouble() < flip);
            }
        }
        return BinaryCodes.fromBooleans(b);
    }
}
