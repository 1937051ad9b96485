package org.hashing4j.datasets.datavec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.hashing4j.datasets.image.ImagePipelineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/** Our datasets plugged into DL4J's RecordReaderDataSetIterator. */
class RecordReadersTest {
    @TempDir
    Path tmp;

    private void image(Path p, int grey) throws IOException {
        Files.createDirectories(p.getParent());
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < 3; x++) {
            for (int y = 0; y < 2; y++) {
                img.getRaster().setSample(x, y, 0, grey);
            }
        }
        ImageIO.write(img, "png", p.toFile());
    }

    @Test
    void imageFolderGivesImagesAndOneHotClassesInBatches() throws IOException {
        Path root = tmp.resolve("folder");
        for (int i = 0; i < 3; i++) {
            image(root.resolve("cat/" + i + ".png"), 10 * i);
            image(root.resolve("dog/" + i + ".png"), 200);
        }
        ImageFolderRecordReader rr = new ImageFolderRecordReader(root, ImagePipelineConfig.asIs(1));
        assertEquals(List.of("cat", "dog"), rr.getLabels());
        RecordReaderDataSetIterator it = new RecordReaderDataSetIterator(rr, 4, 1, rr.numClasses());
        DataSet first = it.next();
        assertArrayEquals(new long[] {4, 1, 2, 3}, first.getFeatures().shape());
        assertArrayEquals(new float[] {1, 0}, first.getLabels().getRow(0).toFloatVector());
        assertArrayEquals(new float[] {0, 1}, first.getLabels().getRow(3).toFloatVector());
        assertEquals(20 / 255f, first.getFeatures().getFloat(2, 0, 1, 2), 1e-6f);
        assertEquals(2, it.next().numExamples());
        it.reset();
        assertEquals(4, it.next().numExamples());
    }

    @Test
    void listFileGivesMultiHotRows() throws IOException {
        Path root = tmp.resolve("lists");
        image(root.resolve("a.png"), 0);
        image(root.resolve("b.png"), 255);
        Files.writeString(root.resolve("train.txt"), "a.png 1 0 1\nb.png 0 1 0\n");
        ListFileRecordReader rr = new ListFileRecordReader(root.resolve("train.txt"), root, ImagePipelineConfig.asIs(1));
        RecordReaderDataSetIterator it = new RecordReaderDataSetIterator(rr, 2, 1, 1, true);
        DataSet ds = it.next();
        assertArrayEquals(new long[] {2, 1, 2, 3}, ds.getFeatures().shape());
        assertArrayEquals(new float[] {1, 0, 1}, ds.getLabels().getRow(0).toFloatVector());
        assertArrayEquals(new float[] {0, 1, 0}, ds.getLabels().getRow(1).toFloatVector());
        assertEquals(1f, ds.getFeatures().getFloat(1, 0, 0, 0), 0f);
    }
}
