package org.hashing4j.models.nets.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.common.resources.DL4JResources;
import org.hashing4j.core.HashingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zoo's pretrained-weights path without a network: DL4J's cache folder points at a temporary
 * folder and its download URL at a closed local port, so every download fails at once, as it does
 * on a machine without internet access.
 */
class ZooBackbonesTest {
    @TempDir
    Path tmp;
    private String originalUrl;

    @BeforeEach
    void offline() {
        originalUrl = DL4JResources.getBaseDownloadURL();
        DL4JResources.setBaseDirectory(tmp.toFile());
        DL4JResources.setBaseDownloadURL("http://127.0.0.1:9/dl4j/");
    }

    @AfterEach
    void restore() {
        DL4JResources.setBaseDownloadURL(originalUrl);
        DL4JResources.resetBaseDirectoryLocation();
    }

    @Test
    void weightsFileLocationUrlAndChecksumComeFromTheZoo() {
        PretrainedWeights vgg = ZooBackbones.weights("vgg16");
        assertEquals(tmp.resolve("models/vgg16/vgg16_dl4j_inference.zip"), vgg.cacheFile());
        assertEquals("http://127.0.0.1:9/dl4j/models/vgg16_dl4j_inference.zip", vgg.url());
        assertEquals(3501732770L, vgg.checksum());
        PretrainedWeights resnet = ZooBackbones.weights("ResNet50");
        assertEquals(tmp.resolve("models/resnet50/resnet50_dl4j_inference.v3.zip"), resnet.cacheFile());
        assertEquals(3914447815L, resnet.checksum());
        assertEquals(tmp.resolve("models/squeezenet/squeezenet_dl4j_inference.v2.zip"),
                ZooBackbones.weights("squeezenet").cacheFile());
        assertFalse(vgg.cached());
    }

    @Test
    void offlineLoadNamesTheFileToPlaceItsUrlAndChecksum() {
        HashingException e = assertThrows(HashingException.class, () -> ZooBackbones.load("vgg16", true, 0, null));
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.startsWith("pretrained VGG16 weights are not available offline (download of "
                + "http://127.0.0.1:9/dl4j/models/vgg16_dl4j_inference.zip failed: "), m);
        assertTrue(m.endsWith("); place that file at " + tmp.resolve("models/vgg16/vgg16_dl4j_inference.zip")
                + " (Adler32 checksum 3501732770) and run again"), m);
        // Nothing half-downloaded is left behind to be mistaken for the weights.
        assertFalse(Files.exists(tmp.resolve("models/vgg16/vgg16_dl4j_inference.zip")));
        try (var s = Files.list(tmp.resolve("models/vgg16"))) {
            assertEquals(0, s.count());
        } catch (java.io.IOException io) {
            throw new AssertionError(io);
        }
    }

    @Test
    void aCorruptCachedFileIsDeletedAndNamed() throws Exception {
        Path file = tmp.resolve("models/resnet50/resnet50_dl4j_inference.v3.zip");
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1, 2, 3, 4});
        HashingException e = assertThrows(HashingException.class, () -> ZooBackbones.load("resnet50", true, 0, null));
        assertTrue(e.getMessage().startsWith("pretrained ResNet50 weights at " + file + " failed the Adler32 check (got "),
                e.getMessage());
        assertTrue(e.getMessage().contains("expected 3914447815"), e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void alexNetHasNoPretrainedWeightsAndUnknownNamesAreListed() {
        assertFalse(ZooBackbones.hasPretrained("alexnet"));
        assertTrue(ZooBackbones.hasPretrained("vgg16"));
        HashingException alex = assertThrows(HashingException.class, () -> ZooBackbones.load("alexnet", true, 0, null));
        assertTrue(alex.getMessage().startsWith("alexnet has no pretrained ImageNet weights"), alex.getMessage());
        HashingException unknown = assertThrows(HashingException.class, () -> ZooBackbones.load("vgg19", false, 0, null));
        assertEquals("unknown backbone 'vgg19'; known: vgg16, resnet50, squeezenet, alexnet (or --backbone-file FILE "
                + "for a DL4J zip or Keras .h5)", unknown.getMessage());
    }
}
