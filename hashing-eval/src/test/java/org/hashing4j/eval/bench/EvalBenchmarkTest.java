package org.hashing4j.eval.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EvalBenchmarkTest {
    @Test
    void smallRunPrintsTimesAndMetrics() {
        EvalBenchmark.Settings s = new EvalBenchmark.Settings();
        s.queries = 200;
        s.database = 1000;
        s.warmup = 1;
        s.runs = 2;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        double[] t = EvalBenchmark.run(s, new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertEquals(2, t.length);
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("mAP@all = ") && out.contains("best ") && out.contains("run 2:"), out);
        s.rankedList = true;
        s.warmup = 0;
        s.runs = 1;
        assertEquals(1, EvalBenchmark.run(s, new PrintStream(new ByteArrayOutputStream())).length);
    }
}
