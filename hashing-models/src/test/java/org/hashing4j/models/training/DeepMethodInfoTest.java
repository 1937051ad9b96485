package org.hashing4j.models.training;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.HashingMethod;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.MethodInfo;
import org.hashing4j.models.MethodParameter;
import org.hashing4j.models.MethodRegistry;
import org.junit.jupiter.api.Test;

/**
 * What {@code hashing methods} shows for each method: a paper for every registered method, and for
 * every deep method exactly the parameters it accepts, with the defaults its code uses.
 */
class DeepMethodInfoTest {
    private static final MethodConfig EMPTY = new MethodConfig(16, 1);

    private static List<DeepHashingMethod> deepMethods() {
        List<DeepHashingMethod> deep = new ArrayList<>();
        for (String name : MethodRegistry.names()) {
            HashingMethod m = MethodRegistry.get(name);
            if (m instanceof DeepHashingMethod d) {
                deep.add(d);
            }
        }
        return deep;
    }

    @Test
    void everyRegisteredMethodNamesItsPaper() {
        for (String name : MethodRegistry.names()) {
            assertFalse(MethodRegistry.get(name).info().paper().isBlank(), name + " names its paper");
        }
        assertTrue(deepMethods().size() >= 20, "the deep methods are found: " + deepMethods().size());
    }

    @Test
    void deepMethodsDescribeExactlyTheParametersTheyAccept() {
        for (DeepHashingMethod m : deepMethods()) {
            List<MethodInfo.Parameter> described = m.info().parameters();
            Set<String> names = new HashSet<>();
            for (MethodInfo.Parameter p : described) {
                assertTrue(names.add(p.name()), m.name() + " describes " + p.name() + " once");
                assertFalse(p.description().isBlank(), m.name() + "." + p.name() + " has a description");
            }
            Set<String> expected = new HashSet<>(DeepSettings.KNOWN);
            expected.addAll(MethodParameter.names(m.ownParameters()));
            assertEquals(expected, names, m.name() + ": described = accepted");
            for (MethodInfo.Parameter p : described) {
                // The shown default is a value the method takes; backbone's is a rule ("cnn for images, else mlp").
                MethodConfig c = EMPTY.with(p.name(), p.name().equals("backbone") ? "mlp" : p.defaultValue());
                assertDoesNotThrow(() -> m.check(c), m.name() + ": " + p.name() + "=" + p.defaultValue());
            }
            HashingException e = assertThrows(HashingException.class,
                    () -> m.check(EMPTY.with("not_a_parameter", 1)));
            assertTrue(e.getMessage().contains("unknown parameter 'not_a_parameter' for method " + m.name()),
                    e.getMessage());
        }
    }

    @Test
    void shownDefaultsAreTheDefaultsInUse() {
        for (DeepHashingMethod m : deepMethods()) {
            Map<String, String> shown = new java.util.HashMap<>();
            m.info().parameters().forEach(p -> shown.put(p.name(), p.defaultValue()));
            // The resolved settings of a run with nothing set, shared and the method's own.
            Map<String, Object> used = new java.util.LinkedHashMap<>(m.settings(EMPTY, true).toMap());
            used.putAll(m.objective(EMPTY).settings());
            int compared = 0;
            for (Map.Entry<String, Object> u : used.entrySet()) {
                String s = shown.get(u.getKey());
                if (s == null || u.getKey().equals("backbone") || u.getKey().equals("hidden")) {
                    continue; // backbone: a rule; hidden: recorded as a list only for MLPs
                }
                if (m.name().equals("dsh") && u.getKey().equals("margin")) {
                    // Shown as 0 ("0: 2K"); the objective records the resolved 2K.
                    assertEquals("0", s);
                    assertEquals(2.0 * EMPTY.bits(), ((Number) u.getValue()).doubleValue());
                    continue;
                }
                Object v = u.getValue();
                String text = v instanceof Double d ? MethodParameter.format(d) : String.valueOf(v);
                assertEquals(s, text, m.name() + "." + u.getKey() + ": shown default vs the one in use");
                compared++;
            }
            assertTrue(compared >= 10, m.name() + " compared " + compared + " defaults");
        }
    }

    @Test
    void defaultsArePrintedAsPeopleWriteThem() {
        assertEquals("1", MethodParameter.format(1.0));
        assertEquals("0.001", MethodParameter.format(1e-3));
        assertEquals("0.5", MethodParameter.format(0.5));
        assertEquals("1e-4", MethodParameter.format(1e-4));
        assertEquals("5e-4", MethodParameter.format(5e-4));
        assertEquals("2.5e-5", MethodParameter.format(2.5e-5));
    }

    @Test
    void choicesAreCheckedWithOneLineErrors() {
        MethodParameter<String> p = MethodParameter.choice("kind", "a", "a kind", "a", "b");
        assertEquals("b", p.read(EMPTY.with("kind", " B ")));
        HashingException e = assertThrows(HashingException.class, () -> p.read("m", EMPTY.with("kind", "c")));
        assertEquals("m: parameter 'kind' must be one of a, b, got 'c'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MethodParameter.choice("kind", "z", "d", "a", "b"));
        assertThrows(IllegalArgumentException.class, () -> MethodParameter.real("Not-Snake", 1, "d"));
    }
}
