package org.hashing4j.core.index;

import java.nio.file.Path;
import java.util.List;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.index.IndexFileFormat.Header;

/**
 * An index file ({@code .idx}) opened for search, and the entry point for everything done with such
 * files: codes, ids and optional item paths, opened memory-mapped so a set larger than the heap can
 * be searched, with crash-safe in-place appends.
 *
 * <p>This class is the facade the rest of the code uses; the work is split by responsibility, and
 * kept apart from the index classes (as FAISS keeps {@code index_io} apart from its indexes):
 * <ul>
 *   <li>{@link IndexFileFormat}: the byte layout, header and segment encoding, validation;</li>
 *   <li>{@link IndexFileReader}: checking, walking and mapping a file ({@link #open});</li>
 *   <li>{@link IndexFileWriter}: new files ({@link #create}, {@link #write}, written to a temporary
 *       file and renamed) and the crash-safe append journal ({@link #append}, {@link #remove}).</li>
 * </ul>
 *
 * <p>A foreign file, a newer version, a truncated file or a failed checksum is refused with a
 * one-line {@link HashingException}. {@link #index()} gives a searchable index of the recorded kind
 * over the mapped data; changes made to that index stay in memory.
 */
public final class IndexFile {
    /** Format version written and the newest one read. */
    public static final int VERSION = IndexFileFormat.VERSION;

    private final Path file;
    private final Header header;
    private final CodeStore store;
    private final boolean hasPaths;
    private final int segments;
    private HammingIndex index;

    private IndexFile(Path file, Header header, CodeStore store, boolean hasPaths, int segments) {
        this.file = file;
        this.header = header;
        this.store = store;
        this.hasPaths = hasPaths;
        this.segments = segments;
    }

    // ------------------------------------------------------------------ reading

    /** Opens an index file, verifying every checksum. */
    public static IndexFile open(Path file) {
        return open(file, true);
    }

    /**
     * Opens an index file. With {@code verifyChecksums} false only the headers are checked (faster
     * for very large files; corruption inside the data then goes unnoticed).
     */
    public static IndexFile open(Path file, boolean verifyChecksums) {
        IndexFileReader.Scan scan = IndexFileReader.read(file, verifyChecksums);
        return new IndexFile(file, scan.header, scan.store, scan.hasPaths, scan.segmentCount);
    }

    /** Opens a file and returns its index (the recorded kind, one search thread per processor). */
    public static HammingIndex load(Path file) {
        return open(file).index();
    }

    /** The file this was read from. */
    public Path file() {
        return file;
    }

    /** Code length in bits. */
    public int bits() {
        return header.bits;
    }

    /** Live items in the file (added minus removed). */
    public int size() {
        return (int) header.live;
    }

    /** The index kind recorded at build time (what {@link #index()} builds). */
    public IndexKind kind() {
        return header.kind;
    }

    /** Substring count recorded for multi-index hashing (0 = automatic). */
    public int substrings() {
        return header.substrings;
    }

    /** Whether any item has a stored path. */
    public boolean hasPaths() {
        return hasPaths;
    }

    /** Number of segments (one per build chunk, append or removal). */
    public int segmentCount() {
        return segments;
    }

    /** Format version of the file. */
    public int version() {
        return header.version;
    }

    /** The searchable index of the recorded kind with one thread per processor (created once). */
    public synchronized HammingIndex index() {
        if (index == null) {
            index(header.kind, Runtime.getRuntime().availableProcessors());
        }
        return index;
    }

    /**
     * The searchable index over this file's data, of the given kind and search threads. It can be
     * created only once per {@code IndexFile}, because it shares the mapped store; changes made to it
     * are not written back (use {@link #append} and {@link #remove} for that).
     */
    public synchronized HammingIndex index(IndexKind kind, int threads) {
        if (index != null) {
            if (index.kind() != kind || index.threads() != threads) {
                throw new IllegalStateException("the index of " + file + " was already created as " + index);
            }
            return index;
        }
        index = kind == IndexKind.MULTI_INDEX ? new MultiIndexHashing(store, threads, header.substrings)
                : new ExhaustiveIndex(store, threads);
        return index;
    }

    /** The path stored with a live id, or null when the item has none or the id is unknown. */
    public String itemPath(long id) {
        if (index instanceof AbstractHammingIndex) {
            return ((AbstractHammingIndex) index).pathOf(id);
        }
        synchronized (this) {
            int p = store.positionOf(id);
            return p < 0 ? null : store.pathAt(p);
        }
    }

    @Override
    public String toString() {
        return file + ": hashing4j index v" + header.version + ", " + header.live + " codes of " + header.bits
                + " bits, kind " + header.kind + (header.kind == IndexKind.MULTI_INDEX
                ? " (" + (header.substrings == 0 ? "automatic" : String.valueOf(header.substrings)) + " substrings)" : "")
                + ", " + segments + " segment" + (segments == 1 ? "" : "s") + (hasPaths ? ", with paths" : "");
    }

    // ------------------------------------------------------------------ writing (IndexFileWriter)

    /**
     * Writes a new index file (atomically: temporary file, then rename) holding {@code codes}.
     *
     * @param ids        one id per code ({@code >= 0}, distinct), or null for 0, 1, 2, …
     * @param paths      one path per code (e.g. the image file), or null
     * @param kind       the index kind {@link #index()} will build when the file is opened
     * @param substrings substring count for multi-index hashing, 0 for automatic
     */
    public static void create(Path file, BinaryCodes codes, long[] ids, List<String> paths, IndexKind kind,
            int substrings) {
        IndexFileWriter.create(file, codes, ids, paths, kind, substrings);
    }

    /**
     * Writes the live content of {@code index} (codes, ids, and paths of items that came from an
     * index file) to a new file, atomically. Removed items are dropped, so this also compacts a file
     * that had many removals.
     */
    public static void write(Path file, HammingIndex index) {
        IndexFileWriter.write(file, index);
    }

    /**
     * Appends codes to an existing index file in place (crash-safe, see {@link IndexFileWriter}).
     *
     * @param ids   one new id per code, or null for automatic ids (continuing after the largest id
     *              the file has held)
     * @param paths one path per code, or null
     * @return the ids of the appended codes
     */
    public static long[] append(Path file, BinaryCodes codes, long[] ids, List<String> paths) {
        return IndexFileWriter.append(file, codes, ids, paths);
    }

    /**
     * Removes items from an index file in place by appending a removal segment (crash-safe). Every
     * id must be live in the file and listed once; otherwise nothing changes.
     *
     * @return the number of items removed
     */
    public static int remove(Path file, long... ids) {
        return IndexFileWriter.remove(file, ids);
    }
}
