package org.hashing4j.models.nets.samediff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Npy;
import org.hashing4j.core.Npz;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * torchvision weights (.npz with torchvision's keys and shapes, written here from a seed) give the
 * outputs torchvision itself computed on the same weights and input: the expected arrays were made
 * once by {@code src/test/resources/.../samediff/make_fixture.py} from the files this test writes to
 * {@code target/torchvision-fixture/} and are committed (a few kB each).
 */
class TorchvisionWeightsTest {
    static final Path DIR = Paths.get("target", "torchvision-fixture");

    static java.util.stream.Stream<TorchvisionFixtures.Case> cases() {
        return TorchvisionFixtures.CASES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTorchvision(TorchvisionFixtures.Case c) throws Exception {
        TorchvisionFixtures.write(c, DIR);
        BackboneGraph g = BackboneGraph.build(c.net(), BackboneWeights.torchvision(DIR.resolve(c.id() + ".npz")),
                c.size(), c.size(), c.layer(), null);
        Npy.Array in = Npz.read(DIR.resolve(c.id() + "-input.npz")).get("input");
        INDArray x = Nd4j.create(in.toFloatArray(), in.shape(), 'c');
        INDArray ours = g.activations(x, c.layer());
        INDArray flat = ours.reshape('c', ours.size(0), ours.length() / ours.size(0));
        Npy.Array expected;
        try (InputStream s = getClass().getResourceAsStream(c.id() + "-expected.npy")) {
            assertTrue(s != null, "fixture " + c.id() + "-expected.npy missing: run make_fixture.py");
            expected = Npy.read(s, c.id());
        }
        INDArray want = Nd4j.create(expected.toFloatArray(), expected.shape(), 'c');
        assertEquals(java.util.Arrays.toString(want.shape()), java.util.Arrays.toString(flat.shape()));
        double rel = flat.sub(want).norm2Number().doubleValue() / want.norm2Number().doubleValue();
        assertTrue(rel < 1e-4, c.id() + ": relative difference " + rel);
    }

    @Test
    void missingFileNamesWhatToExport() {
        HashingException e = assertThrows(HashingException.class, () -> BackboneGraph.build(new ResNet50Graph(),
                BackboneWeights.torchvision(DIR.resolve("nowhere/resnet50.npz")), 64, 64, null, null));
        assertTrue(e.getMessage().contains("resnet50-0676ba61.pth"), e.getMessage());
        assertTrue(e.getMessage().contains("np.savez('resnet50.npz'"), e.getMessage());
    }

    @Test
    void wrongShapeIsOneLineNamingTheTensor() throws Exception {
        TorchvisionFixtures.Case c = TorchvisionFixtures.CASES.get(1);
        TorchvisionFixtures.write(c, DIR);
        // VGG16 weights at pool5 hold no fc6; asking for fc6 names the missing key.
        HashingException e = assertThrows(HashingException.class, () -> BackboneGraph.build(c.net(),
                BackboneWeights.torchvision(DIR.resolve(c.id() + ".npz")), 32, 32, "fc6", null));
        assertTrue(e.getMessage().contains("classifier.0.weight"), e.getMessage());
        assertTrue(Files.exists(DIR.resolve(c.id() + ".npz")));
    }
}
