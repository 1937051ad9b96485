package org.hashing4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelsTest {
    @TempDir
    Path dir;

    @Test
    void singleLabelRelevanceIsSameClass() {
        Labels a = Labels.singleLabel(new int[] {0, 2, 1});
        Labels b = Labels.singleLabel(new int[] {2, 2});
        assertEquals(3, a.numClasses());
        assertTrue(a.relevant(1, b, 0));
        assertFalse(a.relevant(0, b, 1));
        assertEquals(2, a.classOf(1));
        assertThrows(HashingException.class, () -> Labels.singleLabel(new int[] {0, -1}));
    }

    @Test
    void multiLabelRelevanceIsSharingAClass() {
        int[][] hot = new int[3][70];
        hot[0][1] = 1;
        hot[0][69] = 1;
        hot[1][69] = 1;
        hot[2][5] = 1;
        Labels m = Labels.multiHot(hot);
        assertTrue(m.isMultiLabel());
        assertTrue(m.relevant(0, m, 1), "share class 69 in the second mask word");
        assertFalse(m.relevant(1, m, 2));
        Labels single = Labels.singleLabel(new int[] {5, 1});
        assertTrue(single.relevant(0, m, 2));
        assertTrue(m.relevant(0, single, 1));
        assertFalse(single.relevant(1, m, 1));
        assertArrayEquals(hot, m.toMultiHot(0));
        assertArrayEquals(new int[][] {hot[2], hot[0]}, m.select(new int[] {2, 0}).toMultiHot(70));
        assertThrows(HashingException.class, () -> Labels.multiHot(new int[][] {{0, 2}}));
        assertThrows(HashingException.class, () -> Labels.multiHot(new int[][] {{0, 1}, {1}}));
    }

    @Test
    void readsVectorsAndMatricesFromNpy() {
        Path v = dir.resolve("v.npy");
        Npy.writeInt32(v, new int[] {1, 0, 3});
        Labels single = Labels.readNpy(v);
        assertFalse(single.isMultiLabel());
        assertArrayEquals(new int[] {1, 0, 3}, single.classIndices());
        Path m = dir.resolve("m.npy");
        Npy.writeInt32(m, new int[][] {{1, 0}, {1, 1}});
        assertTrue(Labels.readNpy(m).isMultiLabel());
        Npy.writeInt32(m, new int[][] {{1, 0}, {3, 1}});
        HashingException e = assertThrows(HashingException.class, () -> Labels.readNpy(m));
        assertTrue(e.getMessage().startsWith(m.toString()), e.getMessage());
    }

    @Test
    void writeNpyWritesWhatTheHandWrittenWritersDidAndReadsBack() throws IOException {
        Labels single = Labels.singleLabel(new int[] {2, 0, 1, 2});
        Path a = dir.resolve("a.npy");
        Path b = dir.resolve("b.npy");
        single.writeNpy(a);
        Npy.writeInt32(b, single.classIndices());
        assertArrayEquals(Files.readAllBytes(b), Files.readAllBytes(a), "int32 class-index vector");
        assertArrayEquals(single.classIndices(), Labels.readNpy(a).classIndices());

        int[][] hot = {{1, 0, 0}, {0, 1, 1}, {0, 0, 0}};
        Labels multi = Labels.multiHot(hot);
        multi.writeNpy(a);
        Npy.writeInt32(b, hot);
        assertArrayEquals(Files.readAllBytes(b), Files.readAllBytes(a), "int32 n x C multi-hot matrix");
        assertArrayEquals(hot, Labels.readNpy(a).toMultiHot(0));
    }

    @Test
    void readsOneHotAndMultiHotFloatMatrices() {
        // What PyTorch toolkits save: float32 one-hot (single-label) or multi-hot rows.
        java.nio.file.Path f = dir.resolve("onehot.npy");
        Npy.writeFloat32(f, new float[][] {{0f, 1f, 0f}, {1f, 0f, 0f}, {0f, 1f, 1f}});
        Labels l = Labels.readNpy(f);
        assertEquals(3, l.size());
        assertTrue(l.relevant(0, l, 2) && !l.relevant(0, l, 1) && l.has(2, 2));
        Npy.writeFloat32(f, new float[][] {{0f, 0.5f}});
        HashingException e = assertThrows(HashingException.class, () -> Labels.readNpy(f));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("0.5"), e.getMessage());
    }
}
