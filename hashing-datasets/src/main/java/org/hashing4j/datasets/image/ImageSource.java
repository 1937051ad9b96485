package org.hashing4j.datasets.image;

import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;

/**
 * Where an {@link ImageBatchIterator} gets its images: files ({@link #of(ImageList)}), decoded on
 * demand, or an in-memory image {@link FeatureSet} ({@link #of(FeatureSet)}, e.g. CIFAR-10 held as
 * 3×32×32 pixels that a 224×224 backbone needs resized).
 */
public interface ImageSource {
    int size();

    /** Image {@code i}, decoded; the caller closes it. */
    DecodedImage image(int i);

    /** How to name image {@code i} in messages. */
    String describe(int i);

    /** Labels, or null. */
    Labels labels();

    /** Image files. */
    static ImageSource of(ImageList list) {
        return new ImageSource() {
            @Override
            public int size() {
                return list.size();
            }

            @Override
            public DecodedImage image(int i) {
                return DecodedImage.read(list.files().get(i));
            }

            @Override
            public String describe(int i) {
                return list.files().get(i).toString();
            }

            @Override
            public Labels labels() {
                return list.labels();
            }
        };
    }

    /** Rows of a feature set with an image shape of 1 or 3 channels and pixels in [0,1]. */
    static ImageSource of(FeatureSet set) {
        int[] shape = set.imageShape();
        if (shape == null || (shape[0] != 1 && shape[0] != 3)) {
            throw new HashingException(set.name() + ": not a set of grey or RGB images (image shape "
                    + java.util.Arrays.toString(shape) + ")");
        }
        return new ImageSource() {
            @Override
            public int size() {
                return set.size();
            }

            @Override
            public DecodedImage image(int i) {
                float[] row = set.features()[i];
                int c = shape[0];
                int h = shape[1];
                int w = shape[2];
                int plane = h * w;
                byte[] px = new byte[c * plane];
                for (int p = 0; p < plane; p++) {
                    if (c == 1) {
                        px[p] = (byte) byteOf(row[p]);
                    } else { // interleaved B, G, R
                        px[3 * p] = (byte) byteOf(row[2 * plane + p]);
                        px[3 * p + 1] = (byte) byteOf(row[plane + p]);
                        px[3 * p + 2] = (byte) byteOf(row[p]);
                    }
                }
                return DecodedImage.ofPixels(w, h, c, px);
            }

            @Override
            public String describe(int i) {
                return set.name() + " item " + i;
            }

            @Override
            public Labels labels() {
                return set.labels();
            }
        };
    }

    private static int byteOf(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255f)));
    }
}
