package org.hashing4j.datasets.listfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hashing4j.core.HashingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A list file cannot make a command read files outside its image folder unless the user says so. */
class ListFileContainmentTest {
    @TempDir
    Path tmp;

    private Path setUp(String secondLine) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("data"));
        Files.write(root.resolve("a.png"), new byte[] {1});
        Files.write(tmp.resolve("outside.png"), new byte[] {1});
        Path list = root.resolve("train.txt");
        Files.writeString(list, "a.png 1 0\n" + secondLine + " 0 1\n");
        return list;
    }

    @Test
    void relativePathLeavingTheRootIsRefusedWithFileAndLine() throws IOException {
        Path list = setUp("../outside.png");
        HashingException e = assertThrows(HashingException.class,
                () -> ListFileReader.read(list, list.getParent(), 0, "t"));
        assertTrue(e.getMessage().startsWith(list + ":2: '../outside.png' lies outside the image folder"), e.getMessage());
        HashingException deeper = assertThrows(HashingException.class, () -> ListFileReader.read(list, list.getParent(), 0,
                "", "t", new ListFileReader.Rules(true, true)));
        assertTrue(deeper.getMessage().contains("relative paths must stay inside it"), deeper.getMessage());
    }

    @Test
    void absolutePathOutsideTheRootNeedsTheOption() throws IOException {
        Path outside = tmp.resolve("outside.png").toAbsolutePath();
        Path list = setUp(outside.toString());
        HashingException e = assertThrows(HashingException.class,
                () -> ListFileReader.read(list, list.getParent(), 0, "t"));
        assertTrue(e.getMessage().startsWith(list + ":2: "), e.getMessage());
        assertTrue(e.getMessage().contains("--allow-absolute-paths"), e.getMessage());
        ListFileReader.Result r = ListFileReader.read(list, list.getParent(), 0, "", "t",
                new ListFileReader.Rules(true, true));
        assertEquals(outside, r.images().files().get(1));
    }

    @Test
    void absolutePathInsideTheRootIsFine() throws IOException {
        Path list = setUp(tmp.resolve("data/a.png").toAbsolutePath().toString());
        assertEquals(2, ListFileReader.read(list, list.getParent(), 0, "t").images().size());
    }

    @Test
    void labelsAreOptionalForCollections() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("c"));
        Files.write(root.resolve("a.png"), new byte[] {1});
        Files.write(root.resolve("b.png"), new byte[] {1});
        Path list = root.resolve("all.txt");
        Files.writeString(list, "a.png\nb.png 0 1\n");
        ListFileReader.Result r = ListFileReader.read(list, root, 0, "", "c", new ListFileReader.Rules(false, false));
        assertEquals(2, r.images().size());
        assertEquals(null, r.images().labels());
        assertThrows(HashingException.class, () -> ListFileReader.read(list, root, 0, "c"));
    }
}
