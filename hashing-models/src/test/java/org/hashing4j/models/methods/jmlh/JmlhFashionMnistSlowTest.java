package org.hashing4j.models.methods.jmlh;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.hashing4j.datasets.Datasets;
import org.hashing4j.datasets.RetrievalSplit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The reference protocol (issue: small CNN, 10 epochs, 32 bits, Fashion-MNIST standard split;
 * PyTorch reached mAP@all 0.900 and P@H≤2 0.893). Tagged "slow" (tens of minutes on 2 cores), so
 * excluded by default; run with
 * {@code mvn -o -pl hashing-models -am test -Dtest.groups.excluded= -Dtest=JmlhFashionMnistSlowTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("slow")
class JmlhFashionMnistSlowTest {
    @Test
    void smallCnnTenEpochs32BitsReachesTheReferenceMap() {
        RetrievalSplit split = Datasets.load("fashion-mnist", "standard", 0, null);
        Map<String, Object> params = Map.of("backbone", "cnn", "epochs", 10);
        FashionMnistJmlhRun.Result r = FashionMnistJmlhRun.run(split.train(), split.query(), split.database(), 32, 0, params,
                new FashionMnistJmlhRun.PrintingListener());
        System.out.println(r.json(params));
        assertTrue(r.mapAll() >= 0.90, "mAP@all " + r.mapAll() + " below the 0.90 target");
    }
}
