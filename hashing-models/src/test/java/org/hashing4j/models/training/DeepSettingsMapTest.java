package org.hashing4j.models.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.MethodParameter;
import org.hashing4j.models.MethodRegistry;
import org.junit.jupiter.api.Test;

/**
 * The settings every deep method records in provenance and checkpoint fingerprints
 * ({@link DeepHashingMethod#settingsMap}): the shared ones, then the method's own parameters in the
 * order it declares them, each with the value in use — which is what makes a resumed run's fingerprint
 * comparison and a model's provenance mean the same for every method.
 */
class DeepSettingsMapTest {
    private static final MethodConfig EMPTY = new MethodConfig(16, 1);

    private static List<DeepHashingMethod> deepMethods() {
        return MethodRegistry.names().stream().map(MethodRegistry::get)
                .filter(DeepHashingMethod.class::isInstance).map(DeepHashingMethod.class::cast).toList();
    }

    private static Map<String, Object> settingsMap(DeepHashingMethod m, MethodConfig config) {
        return m.settingsMap(m.settings(config, true), config, m.objective(config));
    }

    @Test
    void ownParametersFollowTheSharedSettingsWithTheDefaultsInUse() {
        for (DeepHashingMethod m : deepMethods()) {
            Map<String, Object> recorded = settingsMap(m, EMPTY);
            List<String> keys = new ArrayList<>(recorded.keySet());
            List<String> shared = new ArrayList<>(m.settings(EMPTY, true).toMap().keySet());
            assertEquals(shared, keys.subList(0, shared.size()), m.name() + ": shared settings first");
            assertEquals(MethodParameter.names(m.ownParameters()), keys.subList(shared.size(), keys.size()),
                    m.name() + ": then the method's own, in declaration order");
            for (MethodParameter<?> p : m.ownParameters()) {
                Object expected = m.name().equals("dsh") && p.name().equals("margin")
                        ? 2.0 * EMPTY.bits() // "0: 2K", recorded resolved
                        : p.defaultValue();
                assertEquals(expected, recorded.get(p.name()), m.name() + "." + p.name());
            }
        }
    }

    @Test
    void valuesAreRecordedAsTheMethodReadsThem() {
        DeepHashingMethod dpn = (DeepHashingMethod) MethodRegistry.get("dpn");
        assertEquals("m", settingsMap(dpn, EMPTY.with("codebook", " M ")).get("codebook"));
        assertEquals(0.5, settingsMap(dpn, EMPTY.with("margin", "0.5")).get("margin"));
        DeepHashingMethod dsh = (DeepHashingMethod) MethodRegistry.get("dsh");
        assertEquals(3.0, settingsMap(dsh, EMPTY.with("margin", 3)).get("margin"));
        assertEquals(128.0, settingsMap(dsh, new MethodConfig(64, 1)).get("margin"));
        DeepHashingMethod adsh = (DeepHashingMethod) MethodRegistry.get("adsh");
        Map<String, Object> a = settingsMap(adsh, EMPTY.with("sample_size", "500").with("soft_similarity", "false"));
        assertEquals(500, a.get("sample_size"));
        assertEquals(false, a.get("soft_similarity"));
        assertTrue(deepMethods().size() >= 20, "the deep methods are found");
    }
}
