package org.hashing4j.datasets.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.hashing4j.core.HashingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodedImageTest {
    @TempDir
    Path tmp;

    private Path write(BufferedImage img, String name, String format) throws IOException {
        Path p = tmp.resolve(name);
        assertTrue(ImageIO.write(img, format, p.toFile()), "ImageIO writes " + format);
        return p;
    }

    @Test
    void colourPngGivesItsStoredPixelsInBgrOrder() throws IOException {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0x102030);
        img.setRGB(2, 1, 0xA0B0C0);
        try (DecodedImage d = DecodedImage.read(write(img, "c.png", "png"))) {
            assertEquals(3, d.width());
            assertEquals(2, d.height());
            assertEquals(3, d.channels());
            byte[] px = d.pixels();
            assertArrayEquals(new byte[] {0x30, 0x20, 0x10}, Arrays.copyOfRange(px, 0, 3));
            assertArrayEquals(new byte[] {(byte) 0xC0, (byte) 0xB0, (byte) 0xA0}, Arrays.copyOfRange(px, 15, 18));
        }
    }

    @Test
    void greyPngKeepsItsBytesAndOneChannel() throws IOException {
        BufferedImage g = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        g.getRaster().setSample(1, 2, 0, 187); // getRGB would read 222 (linear grey to sRGB)
        try (DecodedImage d = DecodedImage.read(write(g, "g.png", "png"))) {
            assertEquals(1, d.channels());
            assertEquals(187, d.pixels()[2 * 4 + 1] & 0xFF);
        }
        try (DecodedImage d = DecodedImage.of(g)) {
            assertEquals(1, d.channels());
            assertEquals(187, d.pixels()[2 * 4 + 1] & 0xFF);
        }
    }

    @Test
    void alphaIsDroppedAndSixteenBitsScaled() throws IOException {
        BufferedImage a = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        a.setRGB(1, 1, 0x80FF0000); // half-transparent red
        try (DecodedImage d = DecodedImage.read(write(a, "a.png", "png"))) {
            assertEquals(3, d.channels());
            byte[] px = d.pixels();
            assertEquals(255, px[3 * 3 + 2] & 0xFF);
            assertEquals(0, px[3 * 3] & 0xFF);
        }
        BufferedImage deep = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        deep.getRaster().setSample(0, 0, 0, 65535);
        deep.getRaster().setSample(1, 0, 0, 257 * 100);
        try (DecodedImage d = DecodedImage.read(write(deep, "d.png", "png"))) {
            assertEquals(1, d.channels());
            assertEquals(255, d.pixels()[0] & 0xFF);
            assertEquals(100, d.pixels()[1] & 0xFF);
        }
    }

    @Test
    void formatsOpenCvDoesNotReadFallBackToImageIo() throws IOException {
        BufferedImage img = new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 5; x++) {
                img.setRGB(x, y, (x * 60) << 16 | (y * 120) << 8 | 200);
            }
        }
        Path gif = write(img, "x.gif", "gif");
        BufferedImage expected = ImageIO.read(gif.toFile()); // GIF is a palette format: compare with ImageIO's read
        try (DecodedImage d = DecodedImage.read(gif)) {
            assertEquals(5, d.width());
            assertEquals(3, d.height());
            assertEquals(3, d.channels());
            byte[] px = d.pixels();
            int distinct = 0;
            for (int i = 0; i < 15; i++) {
                int p = expected.getRGB(i % 5, i / 5);
                assertEquals((p >>> 16) & 0xFF, px[3 * i + 2] & 0xFF);
                assertEquals((p >>> 8) & 0xFF, px[3 * i + 1] & 0xFF);
                assertEquals(p & 0xFF, px[3 * i] & 0xFF);
                distinct += p != expected.getRGB(0, 0) ? 1 : 0;
            }
            assertTrue(distinct > 0, "a GIF of more than one colour");
        }
    }

    @Test
    void bytesAndFilesDecodeAlikeAndBadInputIsNamed() throws IOException {
        BufferedImage img = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(3);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        Path jpg = write(img, "p.jpg", "jpg");
        try (DecodedImage a = DecodedImage.read(jpg); DecodedImage b = DecodedImage.decode(Files.readAllBytes(jpg), "x")) {
            assertArrayEquals(a.pixels(), b.pixels());
        }
        HashingException missing = assertThrows(HashingException.class, () -> DecodedImage.read(tmp.resolve("no.png")));
        assertEquals(tmp.resolve("no.png") + ": image file missing", missing.getMessage());
        Path empty = Files.write(tmp.resolve("empty.png"), new byte[0]);
        assertTrue(assertThrows(HashingException.class, () -> DecodedImage.read(empty)).getMessage()
                .startsWith(empty + ": empty file"));
        byte[] png = Files.readAllBytes(write(img, "t.png", "png"));
        Path truncated = Files.write(tmp.resolve("truncated.png"), Arrays.copyOf(png, png.length / 2));
        HashingException t = assertThrows(HashingException.class, () -> DecodedImage.read(truncated));
        assertTrue(t.getMessage().startsWith(truncated.toString()), t.getMessage());
        byte[] jpeg = Files.readAllBytes(jpg);
        Path cut = Files.write(tmp.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length - 40));
        assertEquals(cut + ": truncated JPEG (the last scan has no end-of-image marker)",
                assertThrows(HashingException.class, () -> DecodedImage.read(cut)).getMessage());
        byte[] padded = Arrays.copyOf(jpeg, jpeg.length + 16); // zero bytes after the end-of-image marker
        try (DecodedImage p = DecodedImage.decode(padded, "padded")) {
            assertEquals(7, p.width());
        }
        HashingException text = assertThrows(HashingException.class,
                () -> DecodedImage.decode("hello".getBytes(), "the upload"));
        assertTrue(text.getMessage().startsWith("the upload: not a decodable image"), text.getMessage());
        assertThrows(HashingException.class, () -> DecodedImage.ofPixels(2, 2, 3, new byte[11]));
        assertThrows(HashingException.class, () -> DecodedImage.ofPixels(2, 2, 2, new byte[8]));
    }
}
