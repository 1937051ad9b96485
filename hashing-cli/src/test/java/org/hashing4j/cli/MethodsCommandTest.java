package org.hashing4j.cli;

import static org.hashing4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hashing4j.models.MethodInfo;
import org.hashing4j.models.MethodRegistry;
import org.junit.jupiter.api.Test;

/** {@code hashing methods}: every registered method, described by itself. */
class MethodsCommandTest {
    @Test
    void listsEveryRegisteredMethodWithPaperAndParameters() {
        CliRun r = run("methods");
        assertEquals(0, r.code(), r.allErr());
        for (String name : MethodRegistry.names()) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(name + " ")), "a line for " + name + ":\n" + r.out());
            assertTrue(r.out().contains(MethodRegistry.get(name).info().paper()));
        }
        // Every method names its paper (deep methods list their own parameters, then the shared settings).
        assertTrue(!r.out().contains("(no paper given)"), r.out());
        assertTrue(r.out().contains("itq        unsupervised Gong & Lazebnik"), r.out());
        assertTrue(r.out().contains("sdh        supervised"), r.out());
        assertTrue(r.out().contains("    iterations = 50"), r.out());
        assertTrue(r.out().contains("anchors = 1000"), r.out());
        // A deep method: its own parameter, then the shared settings with its (FIRe) defaults.
        String csq = r.out().substring(r.out().indexOf("\ncsq "), r.out().indexOf("\ncibhash "));
        assertTrue(csq.contains("    lambda = 0.001 "), csq);
        assertTrue(csq.contains("    learning_rate = 1e-4 "), csq);
        assertTrue(csq.contains("    lr_schedule = step "), csq);
        assertTrue(csq.contains("    backbone = cnn for images, else mlp "), csq);
    }

    @Test
    void selectsMethodsAndRefusesUnknownNames() {
        CliRun r = run("methods", "--brief", "lsh", "ksh");
        assertEquals(0, r.code(), r.allErr());
        assertEquals(2, r.out().lines().count(), r.out());
        CliRun bad = run("methods", "nope");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("error: unknown method 'nope'; known methods: jmlh"), bad.err());
    }

    @Test
    void compactParameterDescriptionsAreParsedAndChecked() {
        MethodInfo i = MethodInfo.of("P", "a_b=1e-3: the rate: per step");
        assertEquals(new MethodInfo.Parameter("a_b", "1e-3", "the rate: per step"), i.parameters().get(0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> MethodInfo.of("P", "x: y"));
    }
}
