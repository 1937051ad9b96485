package org.hashing4j.datasets.folder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.hashing4j.datasets.image.DecodedImage;

/** Reads an image's width and height (and whether it is grey) from its header, without decoding the pixels. */
final class ImageSize {
    private ImageSize() {
    }

    /** {width, height}. */
    static int[] of(Path file) {
        int[] i = info(file);
        return new int[] {i[0], i[1]};
    }

    /** {width, height, colour components (1 grey, 3 colour)}; colour when the header does not say. */
    static int[] info(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in != null) {
                Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
                if (readers.hasNext()) {
                    ImageReader r = readers.next();
                    try {
                        r.setInput(in);
                        javax.imageio.ImageTypeSpecifier type = r.getRawImageType(0);
                        int comps = type != null && type.getColorModel().getNumColorComponents() == 1 ? 1 : 3;
                        return new int[] {r.getWidth(0), r.getHeight(0), comps};
                    } finally {
                        r.dispose();
                    }
                }
            }
        } catch (IOException e) {
            // fall through to a full decode, which names the file in its error
        }
        try (DecodedImage img = DecodedImage.read(file)) {
            return new int[] {img.width(), img.height(), img.channels()};
        }
    }
}
