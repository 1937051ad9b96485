package org.hashing4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.junit.jupiter.api.Test;

/** The declaration of the methods that are not deep methods, and the parameter kinds they need. */
class DeclaredMethodTest {
    private static final MethodParameter.Row PAIR = new MethodParameter.Row("a1, a2", "the pair");
    private static final MethodParameter<Integer> A1 = MethodParameter.integerPerRun("a1", "per bit length", "first")
            .listedIn(PAIR);
    private static final MethodParameter<Integer> A2 = MethodParameter.integerPerRun("a2", "per bit length", "second")
            .listedIn(PAIR);
    private static final MethodParameter<Double> RATE = MethodParameter.real("rate", "5e-2", "a rate");
    private static final MethodParameter<String> FILE = MethodParameter.verbatim("file", null, "none", "a file");

    /** A method that only declares itself. */
    private static final class Declared extends DeclaredMethod {
        Declared() {
            super(new Declaration("declared", "Declared", true, "A paper", List.of(A1, RATE, A2, FILE)));
        }

        @Override
        public TrainedModel fit(FeatureSet data, MethodConfig config, TrainingContext context) {
            checkKnown(config, List.of("extra"));
            return null;
        }

        @Override
        public TrainedModel load(ModelArchive.Reader archive) {
            return null;
        }
    }

    @Test
    void infoListsEachParameterOnceAndARowOnItsFirstMembersLine() {
        Declared m = new Declared();
        assertEquals("declared", m.name());
        assertEquals("Declared", m.displayName());
        assertTrue(m.supervised());
        assertEquals(new MethodInfo("A paper", List.of(
                new MethodInfo.Parameter("a1, a2", "per bit length", "the pair"),
                new MethodInfo.Parameter("rate", "5e-2", "a rate"),
                new MethodInfo.Parameter("file", "none", "a file"))), m.info());
    }

    @Test
    void theKnownParametersAreTheDeclaredOnes() {
        Declared m = new Declared();
        m.fit(null, new MethodConfig(8, 1, Map.of("a1", 3, "a2", 4, "rate", 1, "file", "x", "extra", 1)), null);
        HashingException e = assertThrows(HashingException.class,
                () -> m.fit(null, new MethodConfig(8, 1).with("ratee", 1), null));
        assertEquals("unknown parameter 'ratee' for method declared; known: [a1, a2, extra, file, rate]", e.getMessage());
    }

    @Test
    void theRecordedSettingsAreEveryDeclaredParameterWithDefaultsFilledIn() {
        Declared m = new Declared();
        MethodConfig config = new MethodConfig(8, 1).with("a2", 4);
        Map<String, Object> s = m.settings(config, Map.of("a1", 12));
        assertEquals(List.of("a1", "rate", "a2"), List.copyOf(s.keySet())); // declaration order; the unset file is left out
        assertEquals(12, s.get("a1"));
        assertEquals(5e-2, s.get("rate"));
        assertEquals(4, s.get("a2"));
        assertEquals(3, m.settings(config, Map.of("a1", 12, "a2", 3)).get("a2"), "what the method resolved wins");
        assertThrows(IllegalStateException.class, () -> m.settings(config, Map.of()), "a1's default needs the run");
        assertThrows(IllegalArgumentException.class, () -> m.settings(config, Map.of("a1", 1, "nope", 2)));
    }

    @Test
    void aDefaultThatDependsOnTheRunIsGivenWhenRead() {
        assertEquals(90, A1.read(new MethodConfig(8, 1), 90));
        assertEquals(7, A1.read(new MethodConfig(8, 1).with("a1", 7), 90));
        assertThrows(IllegalStateException.class, () -> A1.read(new MethodConfig(8, 1)));
    }

    @Test
    void aWrittenRealShowsAsWrittenAndReadsAsItsValue() {
        assertEquals(5e-2, RATE.read(new MethodConfig(8, 1)));
        assertEquals(0.5e-6, MethodParameter.real("x", "0.5e-6", "d").defaultValue());
    }

    @Test
    void aVerbatimTextIsNotTrimmedAndMayDefaultToNothing() {
        assertNull(FILE.read(new MethodConfig(8, 1)));
        assertEquals(" a b ", FILE.read(new MethodConfig(8, 1).with("file", " a b ")));
    }

    @Test
    void theShallowMethodsShowTheDefaultsTheyRead() {
        // Spot checks of what `hashing methods` prints; a default declared once is read and shown alike.
        assertEquals(new MethodInfo.Parameter("centre", "true",
                "subtract the training mean before the random hyperplanes (false: the textbook form)"),
                MethodRegistry.get("lsh").info().parameters().get(0));
        List<MethodInfo.Parameter> sdh = MethodRegistry.get("sdh").info().parameters();
        assertEquals("projection_lambda=1e-2", sdh.get(4).name() + "=" + sdh.get(4).defaultValue());
        assertEquals("train_samples=all", sdh.get(7).name() + "=" + sdh.get(7).defaultValue());
        MethodInfo.Parameter lambdas = MethodRegistry.get("uh-bdnn").info().parameters().get(1);
        assertEquals("lambda1..lambda4=1e-5, 5e-2, 1e-2, 0.5e-6", lambdas.name() + "=" + lambdas.defaultValue());
    }
}
