package org.hashing4j.models.jmlh;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HammingRanking;
import org.hashing4j.core.Labels;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.TrainingListener;

/**
 * Not a unit test: trains JMLH on Fashion-MNIST (standard split: 60,000 training images = database,
 * 10,000 test images = queries) and prints mAP@all, P@H≤2 and timings, one JSON line per bit length.
 * Reads the IDX files itself (scratch code until the datasets module lands). Run by hand:
 * {@code java -cp ... org.hashing4j.models.jmlh.FashionMnistJmlhRun bits=16,32,64 epochs=10 backbone=cnn ...}
 * (any other key=value goes to the method's parameters).
 */
public final class FashionMnistJmlhRun {
    private static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");

    public static void main(String[] args) throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        String bitsList = "32";
        long seed = 0;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "bits" -> bitsList = kv[1];
                case "seed" -> seed = Long.parseLong(kv[1]);
                default -> params.put(kv[0], kv[1]);
            }
        }
        long t0 = System.nanoTime();
        FeatureSet train = load("train", "fashion-mnist/train");
        FeatureSet test = load("t10k", "fashion-mnist/test");
        System.out.printf("loaded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        for (String b : bitsList.split(",")) {
            int bits = Integer.parseInt(b.trim());
            long start = System.nanoTime();
            JmlhModel model = new JmlhMethod().fit(train, new MethodConfig(bits, seed, params),
                    new TrainingContext(new PrintingListener(), null, false));
            double trainS = (System.nanoTime() - start) / 1e9;
            long e0 = System.nanoTime();
            BinaryCodes db = model.encode(train.features());
            BinaryCodes q = model.encode(test.features());
            double encodeS = (System.nanoTime() - e0) / 1e9;
            long v0 = System.nanoTime();
            double[] m = evaluate(q, test.labels(), db, train.labels());
            double evalS = (System.nanoTime() - v0) / 1e9;
            System.out.printf(Locale.ROOT,
                    "{\"bits\": %d, \"params\": \"%s\", \"mAP_all\": %.4f, \"P_H2\": %.4f, \"train_s\": %.1f, "
                            + "\"train_img_s\": %.0f, \"encode_s\": %.1f, \"encode_img_s\": %.0f, \"eval_s\": %.1f, \"total_s\": %.1f}%n",
                    bits, params, m[0], m[1], trainS, ((Number) model.provenance().get("training_seconds")).doubleValue() > 0
                            ? sumItems(model) / ((Number) model.provenance().get("training_seconds")).doubleValue() : 0,
                    encodeS, 70000 / encodeS, evalS, (System.nanoTime() - start) / 1e9);
        }
    }

    private static double sumItems(JmlhModel model) {
        double items = 0;
        for (Object h : (java.util.List<?>) model.provenance().get("history")) {
            Map<?, ?> m = (Map<?, ?>) h;
            items += ((Number) m.get("images_per_s")).doubleValue() * ((Number) m.get("seconds")).doubleValue();
        }
        return items;
    }

    /** mAP@all and P@H≤2 (a query with nothing within radius 2 counts 0), two threads. */
    static double[] evaluate(BinaryCodes q, Labels ql, BinaryCodes db, Labels dl) throws InterruptedException {
        int nq = q.size();
        double[] ap = new double[nq];
        double[] p2 = new double[nq];
        AtomicInteger next = new AtomicInteger();
        Thread[] threads = new Thread[2];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                HammingRanking ranking = new HammingRanking(db);
                int i;
                while ((i = next.getAndIncrement()) < nq) {
                    ranking.rank(q, i);
                    int[] order = ranking.order();
                    int[] dist = ranking.distances();
                    int hits = 0;
                    double sum = 0;
                    int within = 0;
                    int relWithin = 0;
                    for (int r = 0; r < order.length; r++) {
                        boolean rel = ql.relevant(i, dl, order[r]);
                        if (rel) {
                            hits++;
                            sum += (double) hits / (r + 1);
                        }
                        if (dist[order[r]] <= 2) {
                            within++;
                            if (rel) {
                                relWithin++;
                            }
                        }
                    }
                    ap[i] = hits == 0 ? 0 : sum / hits;
                    p2[i] = within == 0 ? 0 : (double) relWithin / within;
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double a = 0;
        double p = 0;
        for (int i = 0; i < nq; i++) {
            a += ap[i];
            p += p2[i];
        }
        return new double[] {a / nq, p / nq};
    }

    static FeatureSet load(String prefix, String name) throws IOException {
        float[][] x;
        try (DataInputStream in = gz(prefix + "-images-idx3-ubyte.gz")) {
            if (in.readInt() != 2051) {
                throw new IOException("bad image magic");
            }
            int n = in.readInt();
            int h = in.readInt();
            int w = in.readInt();
            byte[] buf = new byte[h * w];
            x = new float[n][h * w];
            for (int i = 0; i < n; i++) {
                in.readFully(buf);
                for (int j = 0; j < buf.length; j++) {
                    x[i][j] = (buf[j] & 0xff) / 255f;
                }
            }
        }
        int[] y;
        try (DataInputStream in = gz(prefix + "-labels-idx1-ubyte.gz")) {
            if (in.readInt() != 2049) {
                throw new IOException("bad label magic");
            }
            int n = in.readInt();
            y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = in.readUnsignedByte();
            }
        }
        return new FeatureSet(x, Labels.singleLabel(y), new int[] {1, 28, 28}, name);
    }

    private static DataInputStream gz(String file) throws IOException {
        InputStream in = new GZIPInputStream(Files.newInputStream(DIR.resolve(file)), 1 << 16);
        return new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
    }

    /** Prints one line per epoch and a progress line every 50 batches. */
    static final class PrintingListener implements TrainingListener {
        private String phase = "";

        @Override
        public void phaseStarted(String phase, long total) {
            this.phase = phase + " (" + total + " batches)";
        }

        @Override
        public void progress(long done, Map<String, Double> metrics) {
            if (done % 50 == 0) {
                System.out.printf(Locale.ROOT, "  %s batch %d loss %.4f %.0f img/s%n", phase, done, metrics.get("loss"),
                        metrics.get("images_per_s"));
            }
        }

        @Override
        public void phaseFinished(Map<String, Double> metrics) {
            System.out.println(phase + " " + metrics);
        }

        @Override
        public void message(String text) {
            System.out.println(text);
        }
    }
}
