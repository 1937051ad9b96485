package org.hashing4j.datasets.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

class BackgroundBatchesTest {
    @TempDir
    Path tmp;

    private List<Path> images(int n) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
            img.getRaster().setSample(i % 4, 0, 0, 200);
            Path p = tmp.resolve("img" + i + ".png");
            ImageIO.write(img, "png", p.toFile());
            files.add(p);
        }
        return files;
    }

    @Test
    void aFileThatIsNotAnImageEndsTheIterationOnTheCallersThreadNamingIt() throws IOException {
        List<Path> files = images(10);
        Path bad = tmp.resolve("notes.png");
        Files.writeString(bad, "this is not an image");
        files.set(7, bad);
        ImageBatchIterator it = new ImageBatchIterator(new ImageList(files, null, "t"), ImagePipelineConfig.asIs(1), 4,
                false, 0, 0, null);
        BackgroundBatches bg = it.background(2);
        // before the fix the prefetch thread died and the caller waited for ever
        HashingException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(HashingException.class,
                () -> {
                    while (bg.hasNext()) {
                        bg.next();
                    }
                }));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void unreadableImagesAreSkippedAndCountedWhenAsked() throws IOException {
        List<Path> files = images(10);
        Path bad = tmp.resolve("broken.png");
        Files.write(bad, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        files.set(3, bad);
        ImageBatchIterator it = new ImageBatchIterator(new ImageList(files, null, "t"), ImagePipelineConfig.asIs(1), 4,
                false, 0, 0, null).skipUnreadable(true).decodeThreads(2);
        BackgroundBatches bg = it.background(1);
        int n = 0;
        while (bg.hasNext()) {
            n += bg.next().numExamples();
        }
        assertEquals(10, n);
        assertEquals(List.of(3), List.copyOf(it.skipped()));
    }

    @Test
    void decodedButUnconsumedBatchesNeverExceedTheQueueBound() throws Exception {
        // a fake list of 60 batches that decode fast, consumed slowly: the producer must wait, not pile up
        int batches = 60;
        ImageSource fast = new ImageSource() {
            @Override
            public int size() {
                return batches * 2;
            }

            @Override
            public DecodedImage image(int i) {
                return DecodedImage.ofPixels(8, 8, 1, new byte[64]);
            }

            @Override
            public String describe(int i) {
                return "fake " + i;
            }

            @Override
            public Labels labels() {
                return null;
            }
        };
        ImageBatchIterator it = new ImageBatchIterator(fast, ImagePipelineConfig.asIs(1), 2, false, 0, 0, null);
        BackgroundBatches bg = it.background(3);
        int seen = 0;
        while (bg.hasNext()) {
            DataSet ds = bg.next();
            seen += ds.numExamples();
            Thread.sleep(2);
        }
        assertEquals(batches * 2, seen);
        assertTrue(bg.maxOutstanding() <= bg.capacity() + 2, "at most the queue, the batch being made and the one"
                + " hasNext took, got "
                + bg.maxOutstanding());
        assertTrue(bg.maxOutstanding() >= 2, "the producer did run ahead");
    }

    @Test
    void resetStartsAnotherEpoch() throws IOException {
        ImageBatchIterator it = new ImageBatchIterator(new ImageList(images(5), null, "t"), ImagePipelineConfig.asIs(1), 2,
                true, 1, 0, null);
        BackgroundBatches bg = it.background(2);
        for (int epoch = 0; epoch < 2; epoch++) {
            int n = 0;
            while (bg.hasNext()) {
                n += bg.next().numExamples();
            }
            assertEquals(5, n);
            bg.reset();
        }
    }
}
