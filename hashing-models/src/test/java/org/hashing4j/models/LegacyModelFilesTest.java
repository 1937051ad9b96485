package org.hashing4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.CodeFiles;
import org.hashing4j.core.Npy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Model files written by version 0.1's layout (before the packages were re-laid by role and
 * provenance was typed) keep loading and give the codes they gave then. The files were made by
 * {@code legacy-0.1/MakeLegacyModels.java.txt} at commit fbf3d50.
 */
class LegacyModelFilesTest {
    private static Path dir() throws URISyntaxException {
        return Path.of(LegacyModelFilesTest.class.getResource("/legacy-0.1/itq.zip").toURI()).getParent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"itq", "sh", "sdh", "jmlh", "uh-bdnn", "finetune"})
    void oldModelFilesLoadAndGiveTheSameCodes(String method) throws Exception {
        Path d = dir();
        TrainedModel model = ModelFiles.load(d.resolve(method + ".zip"));
        assertEquals(method, model.method());
        float[][] input = Npy.read(d.resolve(method.equals("finetune") ? "images.npy" : "features.npy")).toFloatMatrix();
        BinaryCodes expected = CodeFiles.read(d.resolve(method + "-codes.npy"));
        assertEquals(expected, model.encode(input));
        ModelProvenance p = ModelFiles.provenance(d.resolve(method + ".zip"));
        assertNotNull(p);
        assertEquals(method, p.method());
        assertEquals(8, p.bits());
        assertEquals(1L, p.seed());
    }
}
