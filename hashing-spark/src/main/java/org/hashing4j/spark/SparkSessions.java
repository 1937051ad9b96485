package org.hashing4j.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the Spark session of a job. Under {@code spark-submit} the master and settings come from
 * there; run directly (the {@code ./hashing spark} launcher, Java callers, tests) without a master,
 * it runs in local mode on every core with the web UI off.
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    /**
     * The session for {@code appName}; {@code master} (e.g. {@code local[2]}, {@code yarn}) when not
     * null, else spark-submit's, else {@code local[*]}.
     */
    public static SparkSession create(String appName, String master) {
        SparkConf conf = new SparkConf(true).setAppName(appName);
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.ui.showConsoleProgress", "false");
            // a few large partitions suit one machine better than the default 200 tiny ones
            conf.setIfMissing("spark.sql.shuffle.partitions", "8");
        }
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        return spark;
    }
}
