package org.hashing4j.models.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.TrainingContext;
import org.hashing4j.models.layers.HashOps;
import org.hashing4j.models.methods.SyntheticData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DeepTrainerTest {
    private static final FeatureSet DATA = SyntheticData.classes(200, 4, 6, 4, 3, 1, "toy");

    /**
     * A method with everything the trainer must carry: per-batch draws (noise on the code logits),
     * state updated after each step (a bank of every item's last code logits), a classifier.
     */
    static class TinyMethod extends DeepHashingMethod {
        TinyMethod() {
            super(new Declaration("tiny", "Tiny", true, "a test method", List.of(),
                    DeepSettings.Defaults.adam(3, 32, 0.01)));
        }

        @Override
        protected DeepObjective objective(MethodConfig config) {
            return new DeepObjective() {
                private float[][] bank;
                private int bits;

                @Override
                public Head build(HeadBuilder g) {
                    bits = g.bits();
                    SDVariable noise = g.placeholder("noise", -1, bits);
                    SDVariable u = g.sd().identity("code_logits", g.dense("hash/fc", g.features(), g.featureDimension(), bits));
                    SDVariable z = g.dense("classifier/fc", u.add(noise.mul(0.1)), bits, g.numClasses());
                    SDVariable ce = HashOps.crossEntropy(g.sd(), z, g.labels(), false).mean();
                    return new Head(g.sd().identity("loss", ce), Map.of("ce", ce), Encoding.sign(u));
                }

                @Override
                public void prepare(SplittableRandom random) {
                    bank = new float[DATA.size()][bits];
                }

                @Override
                public Map<String, INDArray> feed(Batch batch) {
                    return Map.of("noise", org.hashing4j.models.training.Batches.uniformNoise(batch.size(), bits, batch.random()));
                }

                @Override
                public List<String> observedOutputs() {
                    return List.of("code_logits");
                }

                @Override
                public void observe(Batch batch, Map<String, INDArray> outputs) {
                    float[][] u = outputs.get("code_logits").toFloatMatrix();
                    for (int i = 0; i < batch.size(); i++) {
                        bank[batch.items()[i]] = u[i];
                    }
                }

                @Override
                public Map<String, INDArray> state() {
                    return bank == null ? Map.of() : Map.of("bank", Nd4j.create(bank));
                }

                @Override
                public void restoreState(Map<String, INDArray> state, String source) {
                    bank = state.get("bank").toFloatMatrix();
                }
            };
        }
    }

    private static MethodConfig config(int epochs, Object... params) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("backbone", "mlp");
        p.put("hidden", "16");
        p.put("epochs", epochs);
        for (int i = 0; i < params.length; i += 2) {
            p.put((String) params[i], params[i + 1]);
        }
        return new MethodConfig(8, 9, p);
    }

    private static DeepModel fit(MethodConfig c, TrainingContext ctx) {
        return (DeepModel) new TinyMethod().fit(DATA, c, ctx);
    }

    @Test
    void resumeIsBitIdenticalForEveryOptimiserAndSchedule(@TempDir Path dir) {
        Object[][] variants = {
            {"optimizer", "sgd", "momentum", 0.9, "nesterov", true, "weight_decay", 1e-3, "lr_schedule", "cosine",
                "warmup_epochs", 1, "learning_rate", 0.05},
            {"optimizer", "adamw", "weight_decay", 0.01, "lr_schedule", "step", "lr_step", 1, "lr_gamma", 0.5,
                "backbone_lr_scale", 0.1},
        };
        int v = 0;
        for (Object[] params : variants) {
            Path a = dir.resolve("a" + v);
            Path b = dir.resolve("b" + v++);
            DeepModel straight = fit(config(3, params), new TrainingContext(null, a, false));
            // Interrupted when epoch 2 starts (epoch 1's checkpoint is written): the schedules depend on the
            // run's length, so the interrupted run must have the same one.
            org.hashing4j.models.TrainingListener stop = new org.hashing4j.models.TrainingListener() {
                @Override
                public void phaseStarted(String phase, long total) {
                    if (phase.startsWith("epoch 2")) {
                        throw new IllegalStateException("interrupted");
                    }
                }
            };
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> fit(config(3, params), new TrainingContext(stop, b, false)));
            assertEquals(1, Checkpoint.read(b).stepsDone());
            DeepModel resumed = fit(config(3, params), new TrainingContext(null, b, true));
            Map<String, INDArray> x = straight.network().parameters();
            Map<String, INDArray> y = resumed.network().parameters();
            for (String name : x.keySet()) {
                assertEquals(x.get(name), y.get(name), name);
            }
            assertEquals(straight.network().objective().state().get("bank"), resumed.network().objective().state().get("bank"));
            Checkpoint cp = Checkpoint.read(b);
            assertEquals(3, cp.stepsDone());
            assertTrue(cp.hasArrays(params[1].equals("sgd") ? "sgd" : "adam") && cp.hasArrays(DeepTrainer.STATE));
        }
    }

    @Test
    void objectivesChooseEachEpochsItemsAndTheRowsFedToTheNetwork() {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        int[] rowsFed = new int[2];
        DeepHashingMethod views = new TinyMethod() {
            @Override
            protected DeepObjective objective(MethodConfig config) {
                return new DeepObjective() {
                    @Override
                    public Head build(HeadBuilder g) {
                        SDVariable u = g.sd().identity("code_logits",
                                g.dense("hash/fc", g.features(), g.featureDimension(), g.bits()));
                        SDVariable loss = u.mul(u).mean("loss");
                        return new Head(loss, Map.of(), Encoding.sign(u));
                    }

                    @Override
                    public int[] epochItems(int epoch, int[] train, SplittableRandom random) {
                        return java.util.Arrays.copyOf(train, 50);
                    }

                    @Override
                    public INDArray trainingInput(Batch batch) {
                        return Nd4j.concat(0, batch.input(), batch.input().mul(2));
                    }

                    @Override
                    public List<String> observedOutputs() {
                        return List.of("code_logits");
                    }

                    @Override
                    public void observe(Batch batch, Map<String, INDArray> outputs) {
                        for (int i : batch.items()) {
                            seen.add(i);
                        }
                        rowsFed[0] += batch.size();
                        rowsFed[1] += (int) outputs.get("code_logits").rows();
                    }
                };
            }
        };
        new DeepTrainer(views, DATA, config(2), null).train();
        assertEquals(50, seen.size(), "only the epoch's items");
        assertTrue(seen.stream().allMatch(i -> i < 50));
        assertEquals(100, rowsFed[0]);
        assertEquals(200, rowsFed[1], "two views per item reached the network");
    }

    @Test
    void historyFilesAreWrittenEveryEpoch(@TempDir Path dir) throws Exception {
        Path history = dir.resolve("history");
        fit(config(3, "validation_size", 40), TrainingContext.quiet().withHistoryDir(history));
        List<String> csv = Files.readAllLines(history.resolve(HistoryFiles.CSV));
        assertEquals("epoch,loss,ce,learning_rate,seconds,images_per_s,validation_map", csv.get(0));
        assertEquals(4, csv.size());
        List<Map<String, Object>> json = HistoryFiles.read(history);
        assertEquals(3, json.size());
        assertEquals(3, json.get(2).get("epoch"));
        assertTrue(((Number) json.get(0).get("validation_map")).doubleValue() > 0);
    }

    @Test
    void aZeroBackboneScaleFreezesTheBackbone() {
        DeepModel untrained = fit(config(1, "learning_rate", 1e-12), null);
        DeepModel frozen = fit(config(2, "backbone_lr_scale", 0), null);
        DeepModel slow = fit(config(2, "backbone_lr_scale", 0.5), null);
        for (String name : untrained.network().parameterNames()) {
            INDArray before = untrained.network().parameters().get(name);
            if (untrained.network().isBackboneParameter(name)) {
                assertTrue(before.equalsWithEps(frozen.network().parameters().get(name), 1e-9), name + " frozen");
                assertNotEquals(before, slow.network().parameters().get(name), name + " trained at half rate");
            } else {
                assertNotEquals(before, frozen.network().parameters().get(name), name + " trained");
            }
        }
    }

    @Test
    void schedulesGiveTheDocumentedRates() {
        LearningRateSchedule step = new LearningRateSchedule("step", 1.0, 10, 0, 0.1, 0);
        assertEquals(1.0, step.at(7, 5, 10));
        assertEquals(0.1, step.at(8, 0, 10), 1e-15);
        LearningRateSchedule cosine = new LearningRateSchedule("cosine", 2.0, 4, 0, 0.1, 0);
        assertEquals(2.0, cosine.at(0, 0, 10), 1e-15);
        assertEquals(1.0, cosine.at(2, 0, 10), 1e-12);
        LearningRateSchedule warm = new LearningRateSchedule("constant", 1.0, 4, 0, 0.1, 1);
        assertEquals(0.1, warm.at(0, 0, 10), 1e-15);
        assertEquals(1.0, warm.at(0, 9, 10), 1e-15);
        assertEquals(1.0, warm.at(1, 0, 10));
    }

    @Test
    void optimisersFollowTheirUpdateRules() {
        // SGD, momentum 0.5, wd 0.1: g' = g + 0.1·p; v = 0.5·v + g'; p −= lr·v (Nesterov: p −= lr·(g' + 0.5·v)).
        for (boolean nesterov : new boolean[] {false, true}) {
            INDArray p = Nd4j.createFromArray(new float[] {1f});
            DeepOptimizer sgd = new DeepOptimizer("sgd", 0.5, nesterov, 0.1, Map.of("w", p));
            double pj = 1;
            double vj = 0;
            for (int t = 0; t < 3; t++) {
                double g = 2 * pj;
                sgd.step("w", p, Nd4j.createFromArray(new float[] {(float) g}), 0.1, t);
                double gd = g + 0.1 * pj;
                vj = 0.5 * vj + gd;
                pj -= 0.1 * (nesterov ? gd + 0.5 * vj : vj);
                assertEquals(pj, p.getDouble(0), 1e-6);
            }
        }
        // AdamW = Adam's step plus the decoupled −lr·wd·p.
        INDArray a = Nd4j.createFromArray(new float[] {1f, -2f});
        INDArray w = a.dup();
        DeepOptimizer adam = new DeepOptimizer("adam", 0, false, 0, Map.of("w", a));
        DeepOptimizer adamw = new DeepOptimizer("adamw", 0, false, 0.5, Map.of("w", w));
        adam.step("w", a, Nd4j.createFromArray(new float[] {0.3f, 0.7f}), 0.01, 0);
        adamw.step("w", w, Nd4j.createFromArray(new float[] {0.3f, 0.7f}), 0.01, 0);
        assertEquals(a.getDouble(0) - 0.01 * 0.5 * 1, w.getDouble(0), 1e-6);
        assertEquals(a.getDouble(1) - 0.01 * 0.5 * -2, w.getDouble(1), 1e-6);
    }
}
