package org.hashing4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hashing4j.core.HashingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors in experiment files name the file, the key and the bad value. */
class ExperimentConfigErrorsTest {
    @TempDir
    Path tmp;

    private String error(String yaml) throws IOException {
        Path f = tmp.resolve("exp.yaml");
        Files.writeString(f, yaml);
        return assertThrows(HashingException.class, () -> ExperimentConfig.read(f)).getMessage();
    }

    @Test
    void zeroBitsNamesFileKeyAndValue() throws IOException {
        String m = error("methods:\n  - method: itq\nbits: 0\n");
        assertEquals(tmp.resolve("exp.yaml") + ": bits: each bit length must be >= 1, got 0", m);
    }

    @Test
    void aSingleBitLengthIsAListOfOne() throws IOException {
        Path f = tmp.resolve("one.yaml");
        Files.writeString(f, "methods:\n  - method: itq\nbits: 32\n");
        assertEquals(List.of(32), ExperimentConfig.read(f).bits);
    }

    @Test
    void wrongTypesNameTheKeyNotTheJavaType() throws IOException {
        String m = error("methods:\n  - method: itq\n    train_size: lots\nbits: [16]\n");
        assertTrue(m.startsWith(tmp.resolve("exp.yaml") + " line 3: methods[0].train_size: expected a whole number,"
                + " got 'lots'"), m);
        String b = error("methods:\n  - method: itq\nbits: [16, sixteen]\n");
        assertTrue(b.contains(": bits[1]: expected a whole number, got 'sixteen'"), b);
        String e = error("methods:\n  - method: itq\nevaluation: yes\n");
        assertTrue(e.contains(": evaluation: expected an evaluation section"), e);
    }

    @Test
    void badMethodParametersFailWhenTheFileIsRead() throws IOException {
        String m = error("methods:\n  - method: csq\n    label: CSQ-a\n    params: {lambda: -1}\nbits: [16]\n");
        assertTrue(m.startsWith(tmp.resolve("exp.yaml") + ": CSQ-a: "), m);
        assertTrue(m.contains("lambda"), m);
        String u = error("methods:\n  - method: greedyhash\n    params: {epochs: 10, alfa: 0.1}\nbits: [16]\n");
        assertTrue(u.contains("alfa"), u);
        // shallow methods too: a misspelt name fails before anything trains
        String i = error("methods:\n  - method: lsh\n  - method: itq\n    params: {iteratons: 5}\nbits: [16]\n");
        assertTrue(i.startsWith(tmp.resolve("exp.yaml") + ": itq: ") && i.contains("iteratons"), i);
        String b = error("methods:\n  - method: uh-bdnn\n    params: {lambda1: -1}\nbits: [16]\n");
        assertTrue(b.contains("lambda1"), b);
    }

    /** Both are refused when the file is read, not after hours of training. */
    @Test
    void clashingEntriesFailWhenTheFileIsRead() throws IOException {
        String k = error("methods:\n  - method: itq\n  - method: itq\n    params: {iterations: 5}\nbits: [16]\n");
        assertEquals(tmp.resolve("exp.yaml") + ": two method entries would both write itq-16; give them different labels", k);
        String s = error("methods:\n  - method: lsh\n    label: A\n  - method: lsh\n    label: B\n    seed: 42\n"
                + "seed: 42\nbits: [16]\n");
        assertEquals(tmp.resolve("exp.yaml") + ": b-16 and a-16 train lsh with the same parameters and seed at 16 bits;"
                + " give one of them another seed", s);
    }

    /** A config built in plain Java, never validated, is refused by the runner before any data or training. */
    @Test
    void theRunnerValidatesAPlainJavaConfigFirst() {
        ExperimentConfig c = new ExperimentConfig();
        c.name = "clash";
        c.dataset = "features";
        c.bits = new java.util.ArrayList<>(List.of(8));
        c.methods.add(new ExperimentConfig.MethodEntry("lsh", java.util.Map.of()));
        c.methods.add(new ExperimentConfig.MethodEntry("lsh", java.util.Map.of("centre", false)));
        Path out = tmp.resolve("run");
        HashingException e = assertThrows(HashingException.class, () -> new ExperimentRunner(c).run(out));
        assertEquals("experiment 'clash': two method entries would both write lsh-8; give them different labels",
                e.getMessage());
        assertTrue(!Files.exists(out.resolve("models")), "nothing trained");
    }
}
