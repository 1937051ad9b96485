package org.hashing4j.models.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashFunction;
import org.hashing4j.core.HashingException;
import org.hashing4j.datasets.image.ImageList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectionEncoderTest {
    @TempDir
    Path tmp;

    /** 16 bits: each pixel of a 4x4 grey thumbnail above or below one half. */
    static final class Thumbnail implements HashFunction {
        @Override
        public int bits() {
            return 16;
        }

        @Override
        public int inputDimension() {
            return 16;
        }

        @Override
        public BinaryCodes encode(float[][] features) {
            checkInput(features);
            float[] v = new float[features.length * 16];
            for (int i = 0; i < features.length; i++) {
                for (int j = 0; j < 16; j++) {
                    v[i * 16 + j] = features[i][j] - 0.5f;
                }
            }
            return BinaryCodes.fromSigned(v, features.length, 16);
        }

        @Override
        public String method() {
            return "thumbnail";
        }

        @Override
        public Map<String, Object> provenance() {
            return Map.of("image_shape", List.of(1, 4, 4));
        }
    }

    private List<Path> images(int n) throws IOException {
        Random r = new Random(5);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 8; y += 2) {
                for (int x = 0; x < 8; x += 2) {
                    int v = r.nextBoolean() ? 255 : 0;
                    for (int k = 0; k < 4; k++) {
                        img.getRaster().setSample(x + k % 2, y + k / 2, 0, v);
                    }
                }
            }
            Path p = tmp.resolve(String.format("%03d.png", i));
            ImageIO.write(img, "png", p.toFile());
            files.add(p);
        }
        return files;
    }

    @Test
    void collectionCodesEqualTheQueryPathsCodesInOrder() throws IOException {
        List<Path> files = images(37);
        Thumbnail model = new Thumbnail();
        CollectionEncoder.Result r = CollectionEncoder.encode(model, new ImageList(files, null, "c"),
                new CollectionEncoder.Options(5, 2, 2, false), null);
        // the same preprocessing as 'search --image' (ImageInputs), so a collection item found by itself
        assertEquals(model.encode(ImageInputs.read(model, files)), r.codes());
        assertEquals(37, r.kept().length);
        assertTrue(r.maxOutstanding() <= 2 + 2, "bounded: " + r.maxOutstanding());
    }

    @Test
    void unreadableImagesFailNamingTheFileOrAreSkipped() throws IOException {
        List<Path> files = images(12);
        Path bad = tmp.resolve("text.png");
        Files.writeString(bad, "not an image");
        files.set(6, bad);
        ImageList list = new ImageList(files, null, "c");
        HashingException e = assertThrows(HashingException.class, () -> CollectionEncoder.encode(new Thumbnail(), list,
                new CollectionEncoder.Options(4, 2, 1, false), null));
        assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
        CollectionEncoder.Result r = CollectionEncoder.encode(new Thumbnail(), list,
                new CollectionEncoder.Options(4, 2, 1, true), null);
        assertArrayEquals(new int[] {6}, r.skipped());
        assertEquals(11, r.codes().size());
        assertEquals(files.get(7), r.keptPaths(list).get(6));
        List<Path> good = new ArrayList<>(files);
        good.remove(6);
        assertEquals(new Thumbnail().encode(ImageInputs.read(new Thumbnail(), good)), r.codes());
    }
}
