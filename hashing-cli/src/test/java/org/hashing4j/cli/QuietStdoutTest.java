package org.hashing4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuietStdoutTest {
    @Test
    void dropsOnlySameDiffsDebugLines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        QuietStdout out = new QuietStdout(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        out.println("Added differentiated op matmul_1");
        out.println("mAP@all 0.7425");
        out.println("  Added differentiated op is not at the line start");
        out.print("progress 50%\r");
        assertEquals("mAP@all 0.7425" + System.lineSeparator() + "  Added differentiated op is not at the line start"
                + System.lineSeparator() + "progress 50%\r", bytes.toString(StandardCharsets.UTF_8));
    }
}
