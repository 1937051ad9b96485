package org.hashing4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.CodeFiles;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.Hamming;
import org.hashing4j.core.Labels;
import org.hashing4j.core.Npy;
import org.hashing4j.core.index.ExhaustiveIndex;
import org.hashing4j.core.index.SearchResult;
import org.hashing4j.datasets.image.ImageList;
import org.hashing4j.eval.EvalOptions;
import org.hashing4j.eval.Relevance;
import org.hashing4j.eval.RetrievalEvaluator;
import org.hashing4j.eval.RetrievalMetrics;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.ModelFiles;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.encode.CollectionEncoder;
import org.hashing4j.models.methods.lsh.Lsh;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application jar run as {@code spark-submit} runs it: a child JVM whose class path is a plain
 * Spark 3.5 installation's (spark-sql and its dependencies, resolved on their own from
 * {@code src/test/spark-runtime/pom.xml}, so no hashing4j dependency changes a version), starting
 * {@code org.apache.spark.deploy.SparkSubmit --class org.hashing4j.spark.cli.SparkMain app.jar ...}.
 * Each subcommand's output is compared with the single-machine code path on the same files.
 *
 * <p>Tagged {@code spark-submit} and left out of the default test run (six Spark JVMs take a minute
 * or two): build the jar, then run it with
 * <pre>
 * ./mvnw -B -o -Pspark-app -pl hashing-spark -am package -DskipTests
 * ./mvnw -B -o -pl hashing-spark -am test -Dtest=SparkSubmitTest -Dsurefire.failIfNoSpecifiedTests=false -Dtest.groups.excluded=slow
 * </pre>
 * It skips, saying why, when the application jar is missing or older than the module's classes.
 * {@code src/test/scripts/spark-submit-check.sh} does the same against the {@code hashing} commands.
 */
@Tag("spark-submit")
class SparkSubmitTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path APP_JAR = MODULE.resolve("target/hashing-spark-0.1.0-SNAPSHOT-app.jar");

    @TempDir
    static Path dir;
    static String sparkClassPath;

    @BeforeAll
    static void findJarAndSpark() throws Exception {
        assumeTrue(Files.isRegularFile(APP_JAR), "no application jar at " + APP_JAR
                + "; build it with ./mvnw -B -o -Pspark-app -pl hashing-spark -am package -DskipTests");
        FileTime newestClass;
        try (Stream<Path> s = Files.walk(MODULE.resolve("target/classes"))) {
            newestClass = s.filter(Files::isRegularFile).map(SparkSubmitTest::modified).max(FileTime::compareTo)
                    .orElse(FileTime.fromMillis(0));
        }
        assumeTrue(modified(APP_JAR).compareTo(newestClass) >= 0, APP_JAR + " is older than target/classes;"
                + " rebuild it with ./mvnw -B -o -Pspark-app -pl hashing-spark -am package -DskipTests");
        sparkClassPath = sparkRuntimeClassPath();
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Spark's own class path, resolved by Maven (offline) once and kept in target/. */
    private static String sparkRuntimeClassPath() throws Exception {
        Path pom = MODULE.resolve("src/test/spark-runtime/pom.xml");
        Path out = MODULE.resolve("target/spark-runtime-classpath.txt");
        if (!Files.isRegularFile(out) || modified(out).compareTo(modified(pom)) < 0) {
            Path mvnw = MODULE.getParent().resolve("mvnw");
            Process p = new ProcessBuilder(mvnw.toString(), "-B", "-o", "-q", "-f", pom.toString(),
                    "dependency:build-classpath", "-Dmdep.outputFile=" + out).redirectErrorStream(true)
                    .redirectOutput(MODULE.resolve("target/spark-runtime-classpath.log").toFile()).start();
            boolean done = p.waitFor(5, TimeUnit.MINUTES);
            assumeTrue(done && p.exitValue() == 0, "cannot resolve Spark's class path offline (see "
                    + MODULE.resolve("target/spark-runtime-classpath.log") + ")");
        }
        return Files.readString(out).strip();
    }

    /** Runs {@code spark-submit --master local[2] --class SparkMain app.jar args} and returns its log. */
    private static String sparkSubmit(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        // The opens spark-submit 3.5 adds to the driver itself (the module's spark.opens list).
        cmd.addAll(Arrays.asList(System.getProperty("spark.opens").trim().split("\\s+")));
        cmd.addAll(List.of("-cp", sparkClassPath, "org.apache.spark.deploy.SparkSubmit", "--master", "local[2]",
                "--conf", "spark.ui.enabled=false", "--class", "org.hashing4j.spark.cli.SparkMain", APP_JAR.toString()));
        cmd.addAll(Arrays.asList(args));
        Path log = Files.createTempFile(dir, args[0] + "-", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("spark-submit " + args[0] + " did not finish in 5 minutes; log: " + log);
        }
        String out = Files.readString(log);
        if (p.exitValue() != 0) {
            fail("spark-submit " + String.join(" ", args) + " exited with " + p.exitValue() + ":\n"
                    + out.substring(Math.max(0, out.length() - 4000)));
        }
        assertTrue(!out.contains("SLF4J:"), "SLF4J complains about its bindings:\n" + out);
        return out;
    }

    @Test
    void everySubcommandThroughSparkSubmitEqualsTheSingleMachineResult() throws Exception {
        // Images: 10x10 RGB PNGs listed in a list file, and an LSH model trained on such pixels.
        Random r = new Random(4);
        List<Path> files = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            BufferedImage img = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 10; y++) {
                for (int x = 0; x < 10; x++) {
                    img.setRGB(x, y, r.nextInt(1 << 24));
                }
            }
            Path f = Files.createDirectories(dir.resolve("images/c" + i % 3)).resolve("img" + i + ".png");
            ImageIO.write(img, "png", f.toFile());
            files.add(f);
            lines.add(dir.relativize(f) + (i % 3 == 0 ? " 1 0 0" : i % 3 == 1 ? " 0 1 0" : " 0 0 1"));
        }
        Path list = dir.resolve("database.txt");
        Files.write(list, lines);
        Path imageModel = dir.resolve("lsh-image-32.zip");
        ModelFiles.save(imageModel, new Lsh().fit(new FeatureSet(randomRows(r, 60, 300), null, new int[] {3, 10, 10},
                "pixels"), new MethodConfig(32, 1), TrainingContext.quiet()), Map.of());
        // Features: clustered 16-d vectors with class labels, and an LSH model for them.
        int[] dbLabels = new int[400];
        float[][] feats = clustered(r, dbLabels);
        int[] qLabels = new int[25];
        float[][] queries = clustered(r, qLabels);
        Path featureFile = dir.resolve("features.npy");
        Npy.writeFloat32(featureFile, feats);
        TrainedModel featureLsh = new Lsh().fit(new FeatureSet(feats, null, null, "features"), new MethodConfig(16, 2),
                TrainingContext.quiet());
        Path featureModel = dir.resolve("lsh-features-16.zip");
        ModelFiles.save(featureModel, featureLsh, Map.of());
        BinaryCodes db = featureLsh.encode(feats);
        BinaryCodes q = featureLsh.encode(queries);
        Path qFile = dir.resolve("q.npy");
        CodeFiles.write(qFile, q);
        Npy.writeInt32(dir.resolve("dl.npy"), dbLabels);
        Npy.writeInt32(dir.resolve("ql.npy"), qLabels);

        // encode, images from a list file -> .npy + ids + paths: hashing encode --images.
        sparkSubmit("encode", "--model", imageModel.toString(), "--list", list.toString(), "--out",
                dir.resolve("images.npy").toString());
        BinaryCodes wantImages = CollectionEncoder.encode(ModelFiles.load(imageModel), new ImageList(files, null, "list"),
                CollectionEncoder.Options.defaults(), null).codes();
        assertEquals(wantImages, CodeFiles.read(dir.resolve("images.npy")));
        assertEquals(files.stream().map(Path::toString).toList(), Files.readAllLines(dir.resolve("images.paths.txt")));

        // encode, feature vectors -> Parquet code table, then export -> .npy: the model on the driver.
        String table = dir.resolve("db.parquet").toString();
        sparkSubmit("encode", "--model", featureModel.toString(), "--features", featureFile.toString(), "--out", table);
        Path dbFile = dir.resolve("db.npy");
        sparkSubmit("export", "--codes", table, "--out", dbFile.toString());
        assertEquals(db, CodeFiles.read(dbFile));

        // search: the core's exhaustive index.
        Path top = dir.resolve("top.csv");
        sparkSubmit("search", "--index-codes", table, "--queries", qFile.toString(), "-k", "5", "--out", top.toString());
        ExhaustiveIndex index = new ExhaustiveIndex(16, 1);
        index.add(db);
        SearchResult sr = index.search(q, 5);
        List<String> wantTop = new ArrayList<>(List.of("query,rank,id,distance"));
        for (int i = 0; i < q.size(); i++) {
            for (int j = 0; j < sr.count(i); j++) {
                wantTop.add(i + "," + (j + 1) + "," + sr.id(i, j) + "," + sr.distance(i, j));
            }
        }
        assertEquals(wantTop, Files.readAllLines(top));

        // join: brute force over all pairs.
        Path pairs = dir.resolve("pairs.csv");
        sparkSubmit("join", "--codes", dbFile.toString(), "--radius", "2", "--out", pairs.toString());
        List<String> wantPairs = new ArrayList<>(List.of("id1,id2,distance"));
        for (int i = 0; i < db.size(); i++) {
            for (int j = i + 1; j < db.size(); j++) {
                int d = Hamming.distance(db, i, db, j);
                if (d <= 2) {
                    wantPairs.add(i + "," + j + "," + d);
                }
            }
        }
        assertTrue(wantPairs.size() > 10, "the data has near pairs to find");
        assertEquals(wantPairs, Files.readAllLines(pairs));

        // evaluate: hashing evaluate's metrics.
        sparkSubmit("evaluate", "--queries", qFile.toString(), "--database", dbFile.toString(), "--query-labels",
                dir.resolve("ql.npy").toString(), "--db-labels", dir.resolve("dl.npy").toString(), "--out",
                dir.resolve("eval").toString());
        @SuppressWarnings("unchecked")
        RetrievalMetrics got = RetrievalMetrics.fromMap(new ObjectMapper().readValue(
                dir.resolve("eval/metrics.json").toFile(), Map.class));
        RetrievalMetrics want = RetrievalEvaluator.evaluate(q, db, Relevance.ofLabels(Labels.singleLabel(qLabels),
                Labels.singleLabel(dbLabels)), EvalOptions.builder().topK(EvalOptions.ALL).radii(0, 1, 2).build());
        assertEquals(want.mapAll(), got.mapAll(), 1e-12);
        assertEquals(want.tieAwareMapAt(EvalOptions.ALL), got.tieAwareMapAt(EvalOptions.ALL), 1e-12);
        assertEquals(want.precisionWithinRadius(2), got.precisionWithinRadius(2), 1e-12);
    }

    private static float[][] randomRows(Random r, int n, int dim) {
        float[][] x = new float[n][dim];
        for (float[] row : x) {
            for (int j = 0; j < dim; j++) {
                row[j] = r.nextFloat();
            }
        }
        return x;
    }

    /** Rows around four fixed centres (label = centre), so codes cluster and the join finds pairs. */
    private static float[][] clustered(Random r, int[] labels) {
        Random centres = new Random(99);
        float[][] c = randomRows(centres, 4, 16);
        float[][] x = new float[labels.length][16];
        for (int i = 0; i < x.length; i++) {
            labels[i] = r.nextInt(4);
            for (int j = 0; j < 16; j++) {
                x[i][j] = c[labels[i]][j] + (float) r.nextGaussian() * 0.05f;
            }
        }
        return x;
    }
}
