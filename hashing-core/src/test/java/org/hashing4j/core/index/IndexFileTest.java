package org.hashing4j.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.CodeFiles;
import org.hashing4j.core.HashingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

/** The index file: round trips, paths, in-place appends and removals, crash safety, refusals. */
class IndexFileTest {
    @TempDir
    Path dir;

    private static List<String> paths(int n, String prefix) {
        List<String> p = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            p.add(prefix + "/img_" + i + (i % 3 == 0 ? "_é.png" : ".png"));
        }
        return p;
    }

    @Test
    void roundTripKeepsCodesIdsPathsAndAnswers() {
        Random rnd = new Random(1);
        for (int bits : new int[] {13, 64, 100, 129, 256}) {
            BinaryCodes db = TestCodes.clustered(400, bits, 6, 3, rnd);
            long[] ids = TestCodes.shuffledIds(400, rnd);
            Path f = dir.resolve("db" + bits + ".idx");
            IndexFile.create(f, db, ids, paths(400, "photos"), IndexKind.MULTI_INDEX, 0);
            IndexFile file = IndexFile.open(f);
            assertEquals(bits, file.bits());
            assertEquals(400, file.size());
            assertEquals(IndexKind.MULTI_INDEX, file.kind());
            assertTrue(file.hasPaths());
            HammingIndex index = file.index();
            assertEquals(IndexKind.MULTI_INDEX, index.kind());
            assertArrayEquals(ids, index.ids());
            assertEquals(db, index.codes(ids));
            assertEquals("photos/img_3_é.png", file.itemPath(ids[3]));
            assertEquals("photos/img_4.png", file.itemPath(ids[4]));
            assertNull(file.itemPath(123));
            ExhaustiveIndex ref = new ExhaustiveIndex(bits, 1);
            ref.add(db, ids);
            BinaryCodes q = TestCodes.clustered(10, bits, 6, 3, rnd);
            assertEquals(ref.search(q, 9), index.search(q, 9));
            assertEquals(ref.rangeSearch(q, 3), index.rangeSearch(q, 3));
            // Searching the mapped data with the exhaustive kind too.
            HammingIndex flat = IndexFile.open(f).index(IndexKind.EXHAUSTIVE, 2);
            assertEquals(ref.search(q, 9), flat.search(q, 9));
        }
    }

    @Test
    void appendsAndRemovalsInPlaceAcrossManySegments() {
        long saved = IndexFileFormat.maxSegmentBytes;
        IndexFileFormat.maxSegmentBytes = 1000; // about 40 codes of 128 bits a segment
        try {
            Random rnd = new Random(2);
            int bits = 128;
            BinaryCodes db = TestCodes.clustered(300, bits, 5, 3, rnd);
            Path f = dir.resolve("grow.idx");
            IndexFile.create(f, db, null, null, IndexKind.EXHAUSTIVE, 0);
            IndexFile first = IndexFile.open(f);
            assertTrue(first.segmentCount() > 5, "split into segments: " + first.segmentCount());
            assertFalse(first.hasPaths());

            BinaryCodes more = TestCodes.clustered(120, bits, 5, 3, rnd);
            long[] newIds = IndexFile.append(f, more, null, paths(120, "new"));
            assertEquals(300, newIds[0]);
            assertEquals(419, newIds[119]);
            assertEquals(2, IndexFile.remove(f, 7, 301));
            BinaryCodes third = TestCodes.clustered(3, bits, 5, 3, rnd);
            IndexFile.append(f, third, new long[] {7, 5000, 6000}, null); // 7 was removed: reusable

            IndexFile file = IndexFile.open(f);
            assertEquals(300 + 120 - 2 + 3, file.size());
            assertTrue(file.hasPaths());
            assertEquals("new/img_5.png", file.itemPath(305));
            assertNull(file.itemPath(301));
            assertNull(file.itemPath(5));
            HammingIndex index = file.index(IndexKind.MULTI_INDEX, 2);
            ExhaustiveIndex ref = new ExhaustiveIndex(bits, 1);
            ref.add(db);
            ref.add(more, newIds);
            ref.remove(7, 301);
            ref.add(third, new long[] {7, 5000, 6000});
            BinaryCodes q = TestCodes.clustered(12, bits, 5, 4, rnd);
            assertEquals(ref.search(q, 20), index.search(q, 20),
                    TestCodes.describe(ref.search(q, 20), index.search(q, 20)));
            assertEquals(ref.rangeSearch(q, 4), index.rangeSearch(q, 4));
            assertEquals(third.select(new int[] {0}), index.codes(7));
            // Automatic ids continue above the largest id ever stored.
            assertEquals(6001, IndexFile.append(f, third.select(new int[] {1}), null, null)[0]);
            ref.add(third.select(new int[] {1}), new long[] {6001});
            // Rewriting compacts: removed items and the old segments disappear, ids and paths stay.
            Path g = dir.resolve("compact.idx");
            IndexFile.write(g, IndexFile.open(f).index());
            IndexFile compact = IndexFile.open(g);
            assertEquals(file.size() + 1, compact.size());
            assertEquals("new/img_5.png", compact.itemPath(305));
            assertTrue(compact.segmentCount() < IndexFile.open(f).segmentCount());
            assertEquals(ref.search(q, 20), compact.index().search(q, 20));
            assertEquals(6002, IndexFile.append(g, third.select(new int[] {2}), null, null)[0]);
        } finally {
            IndexFileFormat.maxSegmentBytes = saved;
        }
    }

    @Test
    void badAppendsAndRemovalsChangeNothing() throws IOException {
        Random rnd = new Random(3);
        BinaryCodes db = TestCodes.random(50, 32, rnd);
        Path f = dir.resolve("x.idx");
        IndexFile.create(f, db, null, null, IndexKind.EXHAUSTIVE, 0);
        byte[] before = Files.readAllBytes(f);
        expect("have 33 bits but", () -> IndexFile.append(f, TestCodes.random(2, 33, rnd), null, null));
        expect("id 3 (item 1) is already in the index", () -> IndexFile.append(f, TestCodes.random(2, 32, rnd), new long[] {60, 3}, null));
        expect("1 paths given for 2 codes", () -> IndexFile.append(f, TestCodes.random(2, 32, rnd), null, List.of("a")));
        expect("id 50 is not in the index", () -> IndexFile.remove(f, 1, 50));
        expect("listed twice", () -> IndexFile.remove(f, 1, 1));
        assertArrayEquals(before, Files.readAllBytes(f));
    }

    @Test
    void crashDuringAppendLeavesThePreviousIndex() throws IOException {
        Random rnd = new Random(4);
        BinaryCodes db = TestCodes.random(64, 64, rnd);
        Path f = dir.resolve("crash.idx");
        IndexFile.create(f, db, null, null, IndexKind.EXHAUSTIVE, 0);
        long committed = Files.size(f);
        // A crash after writing part of a new segment, before the header commit: garbage at the end.
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(new byte[] {'H', '4', 'J', 'S', 'E', 'G', 1, 2, 3, 4, 5}));
        }
        assertEquals(64, IndexFile.open(f).size());
        // The next append truncates the garbage and commits normally.
        IndexFile.append(f, TestCodes.random(4, 64, rnd), null, null);
        assertEquals(68, IndexFile.open(f).size());
        assertTrue(Files.size(f) > committed);

        // A torn header write: the newest slot is damaged, the reader falls back to the previous one.
        IndexFile.append(f, TestCodes.random(4, 64, rnd), null, null);
        assertEquals(72, IndexFile.open(f).size());
        int newest = newestSlot(f);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.seek(newest * IndexFileFormat.SLOT_SIZE + 50L);
            raf.write(0x5A);
        }
        assertEquals(68, IndexFile.open(f).size(), "previous commit still readable");
    }

    private static int newestSlot(Path f) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Arrays.copyOf(Files.readAllBytes(f), 256)).order(ByteOrder.LITTLE_ENDIAN);
        return b.getLong(IndexFileFormat.SLOT_SIZE + 16) > b.getLong(16) ? 1 : 0;
    }

    @Test
    void foreignTruncatedCorruptAndNewerFilesAreRefused() throws IOException {
        Random rnd = new Random(5);
        Path good = dir.resolve("good.idx");
        IndexFile.create(good, TestCodes.random(200, 64, rnd), null, null, IndexKind.EXHAUSTIVE, 0);
        byte[] bytes = Files.readAllBytes(good);

        Path foreign = dir.resolve("foreign.idx");
        Files.writeString(foreign, "this is a text file, long enough to have a header-sized prefix".repeat(10));
        expectOpen(foreign, "not a hashing4j index file (no H4JINDEX magic)");
        Path tiny = dir.resolve("tiny.idx");
        Files.write(tiny, new byte[] {1, 2, 3});
        expectOpen(tiny, "not a hashing4j index file");
        expectOpen(dir.resolve("missing.idx"), "no such index file");

        Path truncated = dir.resolve("truncated.idx");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 100));
        expectOpen(truncated, "truncated index file (the header records " + bytes.length + " bytes of data, the file has "
                + (bytes.length - 100) + ")");
        Files.write(truncated, Arrays.copyOf(bytes, 100));
        expectOpen(truncated, "truncated index file (100 bytes");

        Path flipped = dir.resolve("flipped.idx");
        byte[] bad = bytes.clone();
        bad[IndexFileFormat.DATA_START + IndexFileFormat.SEGMENT_HEADER + 10] ^= 1; // inside the codes of the only segment
        Files.write(flipped, bad);
        expectOpen(flipped, "corrupt index file (checksum mismatch in segment 0 at offset 4096)");
        // Without verification the same file opens (headers are intact).
        assertEquals(200, IndexFile.open(flipped, false).size());

        Path newer = dir.resolve("newer.idx");
        byte[] nv = bytes.clone();
        ByteBuffer b = ByteBuffer.wrap(nv).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(8, 7);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(nv, 0, IndexFileFormat.SLOT_SIZE - 4);
        b.putInt(IndexFileFormat.SLOT_SIZE - 4, (int) crc.getValue());
        Files.write(newer, nv);
        expectOpen(newer, "index file version 7 is not supported");

        Path brokenHeader = dir.resolve("broken.idx");
        byte[] bh = bytes.clone();
        bh[20] ^= 0x10;
        Files.write(brokenHeader, bh);
        expectOpen(brokenHeader, "corrupt index file (both header copies fail their checksum)");
    }

    private static void expectOpen(Path f, String fragment) {
        expect(fragment, () -> IndexFile.open(f));
    }

    private static void expect(String fragment, Executable call) {
        HashingException e = assertThrows(HashingException.class, call);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should contain '" + fragment + "'");
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void importsNpyCodesWithIdsAndPaths() throws IOException {
        Random rnd = new Random(6);
        BinaryCodes codes = TestCodes.random(30, 30, rnd);
        Path npy = dir.resolve("db.npy");
        CodeFiles.write(npy, codes);
        Path ids = dir.resolve("ids.txt");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            sb.append(1000 + 2 * i).append('\n');
        }
        Files.writeString(ids, sb + "\n");
        Path paths = dir.resolve("paths.txt");
        Files.write(paths, paths(30, "db"));
        Path out = dir.resolve("db.idx");
        assertEquals(30, IndexImport.build(npy, ids, paths, IndexKind.MULTI_INDEX, 3, out));
        IndexFile f = IndexFile.open(out);
        assertEquals(30, f.bits());
        assertEquals(3, f.substrings());
        assertEquals("db/img_2.png", f.itemPath(1004));
        MultiIndexHashing mih = (MultiIndexHashing) f.index();
        assertEquals(3, mih.substrings());
        SearchResult r = mih.search(codes.select(new int[] {4}), 1);
        assertEquals(1008, r.id(0, 0));
        assertEquals(0, r.distance(0, 0));

        Files.writeString(ids, "1\n2\nx\n");
        expect("ids.txt line 3: 'x' is not an integer id", () -> IndexImport.build(npy, ids, null, IndexKind.EXHAUSTIVE, 0, out));
        Files.writeString(ids, "1\n2\n");
        expect("ids.txt: 2 ids, but", () -> IndexImport.build(npy, ids, null, IndexKind.EXHAUSTIVE, 0, out));
        StringBuilder dup = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            dup.append(i == 29 ? 0 : i).append('\n');
        }
        Files.writeString(ids, dup);
        expect("id 0 appears twice", () -> IndexImport.build(npy, ids, null, IndexKind.EXHAUSTIVE, 0, out));
        // The failed builds did not touch the existing output.
        assertEquals("db/img_2.png", IndexFile.open(out).itemPath(1004));
    }

    @Test
    void anAppendWhosePathsEndOffTheEightByteGridReopens() {
        // Regression: the header's data end is 8-byte aligned, so the file must be padded to it.
        Path f = dir.resolve("odd.idx");
        Random rnd = new Random(4);
        IndexFile.create(f, TestCodes.random(10, 16, rnd), null, null, IndexKind.EXHAUSTIVE, 0);
        IndexFile.append(f, TestCodes.random(3, 16, rnd), null, List.of("x/1.png", "x/2.png", "x/3.png"));
        IndexFile opened = IndexFile.open(f);
        assertEquals(13, opened.size());
        assertEquals("x/3.png", opened.itemPath(12));
    }
}
