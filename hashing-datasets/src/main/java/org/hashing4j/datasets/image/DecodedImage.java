package org.hashing4j.datasets.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.hashing4j.core.HashingException;

/**
 * One decoded image: 8-bit pixels, grey (one channel) or colour (three channels, stored B, G, R as
 * OpenCV keeps them), held in native memory as an OpenCV {@code Mat}. {@link #close()} frees it at
 * once; an image that is never closed is freed by the garbage collector.
 *
 * <p>Decoding goes through OpenCV ({@code imdecode}, as DataVec's {@code NativeImageLoader} does):
 * it decoded PNG 1.5× and JPEG 1.6× faster than the JDK's ImageIO here, with identical pixels. Files
 * OpenCV does not read (GIF, or anything an installed ImageIO plug-in reads) are decoded by ImageIO
 * instead, so every format that worked before still works. EXIF orientation is ignored, as PIL and
 * torchvision ignore it, so that codes match the PyTorch pipelines the methods come from; alpha is
 * dropped; 16-bit images are scaled to 8 bits.
 */
public final class DecodedImage implements AutoCloseable {
    private final Mat mat;

    private DecodedImage(Mat mat) {
        this.mat = mat;
    }

    /** Decodes a file; a missing, unreadable or undecodable file is a one-line error naming it. */
    public static DecodedImage read(Path file) {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw new HashingException(file + ": image file missing");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new HashingException(file + ": image file missing");
        } catch (IOException e) {
            throw new HashingException(file + ": unreadable image file (" + e.getMessage() + ")", e);
        }
        return decode(bytes, file.toString());
    }

    /**
     * Decodes an encoded image held in memory (an upload, a file read through another file system).
     *
     * @param name how to name the image in the error when it is not decodable
     */
    public static DecodedImage decode(byte[] bytes, String name) {
        if (bytes.length == 0) {
            throw new HashingException(name + ": empty file, not an image");
        }
        if (truncatedJpeg(bytes)) {
            // both libjpeg (OpenCV) and ImageIO decode the part that is there and fill the rest grey
            throw new HashingException(name + ": truncated JPEG (the last scan has no end-of-image marker)");
        }
        Mat decoded;
        try (BytePointer data = new BytePointer(bytes); Mat buf = new Mat(1, bytes.length, CV_8UC1, data)) {
            decoded = opencv_imgcodecs.imdecode(buf,
                    opencv_imgcodecs.IMREAD_ANYCOLOR | opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION);
        } catch (RuntimeException e) {
            // OpenCV throws (rather than returning an empty image) on some malformed headers, e.g. an
            // absurd size: let ImageIO try, and name the file if it fails too
            decoded = null;
        }
        if (decoded != null && !decoded.empty()) {
            return new DecodedImage(eightBitGreyOrBgr(decoded, name));
        }
        if (decoded != null) {
            decoded.close();
        }
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new HashingException(name + ": corrupt or unreadable image (" + e.getMessage() + ")", e);
        }
        if (img == null) {
            throw new HashingException(name + ": not a decodable image (unknown or corrupt format)");
        }
        return of(img);
    }

    /**
     * An image already in memory. 8-bit grey images keep their stored values; anything else is taken
     * as sRGB ({@code getRGB}), alpha dropped.
     */
    public static DecodedImage of(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        if (img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            // getRGB would convert the linear grey colour space to sRGB and brighten every pixel (a stored
            // 187 reads as 222): read the stored bytes
            int[] v = img.getRaster().getSamples(0, 0, w, h, 0, (int[]) null);
            byte[] px = new byte[v.length];
            for (int i = 0; i < v.length; i++) {
                px[i] = (byte) v[i];
            }
            return ofPixels(w, h, 1, px);
        }
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        byte[] bgr = new byte[3 * argb.length];
        for (int i = 0; i < argb.length; i++) {
            bgr[3 * i] = (byte) argb[i];
            bgr[3 * i + 1] = (byte) (argb[i] >>> 8);
            bgr[3 * i + 2] = (byte) (argb[i] >>> 16);
        }
        return ofPixels(w, h, 3, bgr);
    }

    /**
     * An image from interleaved 8-bit pixels, row by row: one byte per pixel for grey, three (B, G, R)
     * for colour.
     */
    public static DecodedImage ofPixels(int width, int height, int channels, byte[] pixels) {
        if (channels != 1 && channels != 3) {
            throw new HashingException("an image has 1 or 3 channels, not " + channels);
        }
        if (width < 1 || height < 1 || (long) width * height * channels != pixels.length) {
            throw new HashingException(width + "x" + height + "x" + channels + " image needs "
                    + (long) width * height * channels + " bytes, got " + pixels.length);
        }
        Mat m = new Mat(height, width, channels == 1 ? CV_8UC1 : CV_8UC3);
        m.data().put(pixels);
        return new DecodedImage(m);
    }

    public int width() {
        return mat.cols();
    }

    public int height() {
        return mat.rows();
    }

    /** 1 (grey) or 3 (colour, B G R). */
    public int channels() {
        return mat.channels();
    }

    /** The pixels, interleaved row by row (see {@link #ofPixels}); a copy. */
    public byte[] pixels() {
        return bytesOf(mat);
    }

    /** The native image, for the pipeline's resizing; owned by this object. */
    Mat mat() {
        return mat;
    }

    static byte[] bytesOf(Mat m) {
        Mat c = m.isContinuous() ? m : m.clone();
        try {
            byte[] out = new byte[c.rows() * c.cols() * c.channels()];
            c.data().get(out);
            return out;
        } finally {
            if (c != m) {
                c.close();
            }
        }
    }

    @Override
    public void close() {
        mat.close();
    }

    /**
     * Whether {@code b} is a JPEG whose last scan (SOS marker FF DA) is not followed by an
     * end-of-image marker (FF D9). Inside entropy-coded data every FF byte is followed by 00 or a
     * restart marker, so neither marker can occur there by accident; an EXIF thumbnail's own EOI comes
     * before the main image's scans; bytes after the EOI (padding, appended data) are allowed.
     */
    static boolean truncatedJpeg(byte[] b) {
        if (b.length < 4 || (b[0] & 0xFF) != 0xFF || (b[1] & 0xFF) != 0xD8 || (b[2] & 0xFF) != 0xFF) {
            return false;
        }
        int lastScan = -1;
        for (int i = b.length - 2; i >= 2; i--) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xDA) {
                lastScan = i;
                break;
            }
        }
        if (lastScan < 0) {
            return false; // no scan at all: the decoders refuse it themselves
        }
        for (int i = lastScan + 2; i < b.length - 1; i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xD9) {
                return false;
            }
        }
        return true;
    }

    private static Mat eightBitGreyOrBgr(Mat m, String name) {
        if (m.depth() != CV_8U) {
            // IMREAD_ANYCOLOR without ANYDEPTH already gives 8 bits; keep the guarantee explicit
            Mat e = new Mat();
            m.convertTo(e, CV_8U, 1.0 / 257, 0);
            m.close();
            m = e;
        }
        int c = m.channels();
        if (c == 1 || c == 3) {
            return m;
        }
        Mat out = new Mat();
        if (c == 4) {
            opencv_imgproc.cvtColor(m, out, opencv_imgproc.COLOR_BGRA2BGR);
        } else if (c == 2) {
            opencv_core.extractChannel(m, out, 0); // grey + alpha: the grey
        } else {
            m.close();
            throw new HashingException(name + ": image with " + c + " channels (expected grey, RGB or RGBA)");
        }
        m.close();
        return out;
    }
}
