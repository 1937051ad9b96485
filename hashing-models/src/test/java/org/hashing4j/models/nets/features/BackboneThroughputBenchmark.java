package org.hashing4j.models.nets.features;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.hashing4j.models.TrainingListener;
import org.hashing4j.models.nets.NetworkBackbone;
import org.hashing4j.models.nets.ComputeBackend;
import org.hashing4j.models.nets.zoo.ZooBackbones;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Feature-extraction throughput of the full-size zoo backbones on 224×224 inputs, through
 * {@link FeatureExtractor} (normalisation + forward pass to the default feature layer). The weights
 * are randomly initialised (the pretrained files cannot be downloaded here; the speed of a forward
 * pass does not depend on the weight values) and the inputs are random pixels. One warm-up batch,
 * then {@code MEASURED} batches. Tagged slow: run with
 * {@code mvn -pl hashing-models -am test -Dtest.groups.excluded= -Dtest=BackboneThroughputBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; optional {@code -Dbench.models=vgg16,resnet50 -Dbench.batches=16,32}.
 */
@Tag("slow")
class BackboneThroughputBenchmark {
    private static final int MEASURED = 3;

    @Test
    void throughputOfZooBackbonesOn224Inputs() {
        System.out.println(ComputeBackend.describe());
        System.out.println("helpers enabled: " + "false".equals(System.getProperty("org.eclipse.deeplearning4j.helpers.disable")));
        String[] models = System.getProperty("bench.models", "vgg16,resnet50").split(",");
        String[] batches = System.getProperty("bench.batches", "16,32").split(",");
        for (String name : models) {
            NetworkBackbone b = ZooBackbones.load(name, false, 42, null);
            FeatureExtractor fx = new FeatureExtractor(b, null, FeaturePooling.AVG);
            for (String bs : batches) {
                int batch = Integer.parseInt(bs.trim());
                Nd4j.getRandom().setSeed(7);
                List<DataSet> data = new ArrayList<>();
                for (int i = 0; i < MEASURED + 1; i++) {
                    data.add(new DataSet(Nd4j.rand(DataType.FLOAT, batch, 3, 224, 224), Nd4j.zeros(DataType.FLOAT, batch, 1)));
                }
                List<Long> times = new ArrayList<>();
                long[] last = {System.nanoTime()};
                TrainingListener timer = new TrainingListener() {
                    @Override
                    public void phaseStarted(String phase, long total) {
                        last[0] = System.nanoTime();
                    }

                    @Override
                    public void progress(long done, Map<String, Double> metrics) {
                        long now = System.nanoTime();
                        times.add(now - last[0]);
                        last[0] = now;
                    }
                };
                fx.extract(new ExistingDataSetIterator(data), name, 0, timer);
                double measuredSeconds = times.subList(1, times.size()).stream().mapToLong(Long::longValue).sum() / 1e9;
                double ips = MEASURED * batch / measuredSeconds;
                System.out.printf(Locale.ROOT, "THROUGHPUT %s layer=%s batch=%d warmup=%.2fs measured %d batches: %s s -> %.2f images/s%n",
                        name, fx.layer(), batch, times.get(0) / 1e9, MEASURED,
                        times.subList(1, times.size()).stream().map(t -> String.format(Locale.ROOT, "%.2f", t / 1e9)).toList(), ips);
            }
        }
    }
}
