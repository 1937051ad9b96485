package org.hashing4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hashing4j.core.Labels;
import org.hashing4j.core.Npy;
import org.hashing4j.models.training.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what Ctrl-C and {@code kill} send) ends a real {@code hashing} JVM within 10 s in each
 * phase that can run for long: mid-epoch (the checkpoint written before the signal still loads),
 * and while a collection of image files is decoded on worker threads and encoded ({@code encode
 * --images}, {@code index build --images}: no output file, finished or partial, is left behind).
 */
class SignalTest {
    @TempDir
    Path dir;

    @Test
    void sigtermEndsTrainingMidEpochAndKeepsTheCheckpoint() throws Exception {
        Path data = dir.resolve("data");
        Random rnd = new Random(1);
        String[] stems = {"train", "query", "database"};
        int[] sizes = {600, 20, 100};
        for (int s = 0; s < 3; s++) {
            float[][] x = new float[sizes[s]][64];
            int[] y = new int[sizes[s]];
            for (int i = 0; i < sizes[s]; i++) {
                y[i] = i % 4;
                for (int j = 0; j < 64; j++) {
                    x[i][j] = (float) rnd.nextGaussian() + (j % 4 == y[i] ? 2f : 0f);
                }
            }
            Npy.writeFloat32(data.resolve(stems[s] + ".npy"), x);
            Labels.singleLabel(y).writeNpy(data.resolve(stems[s] + "_labels.npy"));
        }
        Path run = dir.resolve("run");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx1g", Main.class.getName(), "train", "--method", "jmlh",
                "--backbone", "mlp", "--epochs", "10000", "-p", "batch_size=20", "--dataset", "features", "--protocol",
                "given", "--data-dir", data.toString(), "--bits", "8", "--out", run.toString()));
        Path log = dir.resolve("log.txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path checkpoint = waitForCheckpoint(run, p, log, 240);
            Thread.sleep(300); // into the next epoch
            assertTrue(p.isAlive(), "still training: " + Files.readString(log));
            long t0 = System.nanoTime();
            p.destroy(); // SIGTERM
            boolean ended = p.waitFor(10, TimeUnit.SECONDS);
            double secs = (System.nanoTime() - t0) / 1e9;
            assertTrue(ended, "still running 10 s after SIGTERM");
            System.out.printf("hashing train ended %.2f s after SIGTERM%n", secs);
            Checkpoint cp = Checkpoint.readFile(checkpoint); // throws if the file does not load
            assertTrue(cp.hasArrays("weights"), "checkpoint without weights: " + checkpoint);
            int epochs = cp.stepsDone();
            assertTrue(epochs >= 1, "checkpoint epochs " + epochs);
            String out = Files.readString(log);
            assertTrue(!out.contains("DL4JClassLoading"), out);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void sigtermEndsCollectionEncodingAndLeavesNoOutput() throws Exception {
        Path model = PixelModels.lsh28x28(dir.resolve("lsh.zip"), 3);
        // 200 files listed 1,000 times each: 200,000 images take far longer than the 5 s after which the
        // first progress line appears, however fast the machine (an idle one encodes ~2,000 a second).
        images(200);
        StringBuilder lines = new StringBuilder();
        for (int r = 0; r < 1000; r++) {
            for (int i = 0; i < 200; i++) {
                lines.append(String.format("images/%05d.png%n", i));
            }
        }
        Path images = Files.writeString(dir.resolve("list.txt"), lines);
        Path out = Files.createDirectories(dir.resolve("out"));
        endsWithinTenSeconds(List.of("encode", "--model", model.toString(), "--images", images.toString(),
                "--threads", "2", "--batch-size", "16", "--out", out.resolve("codes.npy").toString()), out);
        endsWithinTenSeconds(List.of("index", "build", "--model", model.toString(), "--images", images.toString(),
                "--threads", "2", "--batch-size", "16", "--out", out.resolve("db.idx").toString()), out);
    }

    /** {@code n} random 28x28 grey PNG files in one folder. */
    private Path images(int n) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("images"));
        Random rnd = new Random(4);
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(28, 28,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    img.getRaster().setSample(x, y, 0, rnd.nextInt(256));
                }
            }
            javax.imageio.ImageIO.write(img, "png", folder.resolve(String.format("%05d.png", i)).toFile());
        }
        return folder;
    }

    /**
     * Starts {@code hashing args} in a child JVM, sends SIGTERM once it is encoding (its first progress
     * line, or 3 s after start), and checks that it ended within 10 s leaving {@code outDir} empty.
     */
    private void endsWithinTenSeconds(List<String> args, Path outDir) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx1g", Main.class.getName()));
        cmd.addAll(args);
        Path log = dir.resolve(args.get(0) + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            // JVM start, ND4J's backend and the listing of the folder come first; wait until images flow.
            long end = System.nanoTime() + 120_000_000_000L;
            while (System.nanoTime() < end && p.isAlive() && !Files.readString(log).contains("images/s")) {
                Thread.sleep(100);
            }
            Thread.sleep(500);
            assertTrue(p.isAlive(), args.get(0) + " ended before the signal: " + Files.readString(log));
            long t0 = System.nanoTime();
            p.destroy(); // SIGTERM
            boolean ended = p.waitFor(10, TimeUnit.SECONDS);
            double secs = (System.nanoTime() - t0) / 1e9;
            assertTrue(ended, args.get(0) + " still running 10 s after SIGTERM: " + Files.readString(log));
            System.out.printf("hashing %s ended %.2f s after SIGTERM%n", args.get(0), secs);
            try (Stream<Path> left = Files.list(outDir)) {
                List<Path> files = left.toList();
                assertTrue(files.isEmpty(), "left behind after SIGTERM: " + files);
            }
        } finally {
            p.destroyForcibly();
        }
    }

    private static Path waitForCheckpoint(Path run, Process p, Path log, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            if (Files.isDirectory(run.resolve("checkpoints"))) {
                try (Stream<Path> s = Files.walk(run.resolve("checkpoints"))) {
                    List<Path> found = s.filter(f -> f.getFileName().toString().equals(Checkpoint.FILE)).toList();
                    if (!found.isEmpty()) {
                        return found.get(0);
                    }
                } catch (IOException | java.io.UncheckedIOException e) {
                    // a temporary file vanished while walking: look again
                }
            }
            if (!p.isAlive()) {
                throw new AssertionError("training ended before writing a checkpoint (exit " + p.exitValue() + "): "
                        + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no checkpoint after " + seconds + " s: " + Files.readString(log));
    }
}
