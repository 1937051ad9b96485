package org.hashing4j.core.index;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;

/**
 * What every index kind shares: the {@link CodeStore}, input checks, the read/write lock, and
 * running a batch of queries on several threads. Subclasses answer one query at a time
 * ({@link #searchOne}, {@link #rangeOne}) and keep their own structures in step through
 * {@link #afterAdd()} and {@link #afterRenumber()}.
 */
abstract class AbstractHammingIndex implements HammingIndex {
    final CodeStore store;
    final int threads;
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    AbstractHammingIndex(CodeStore store, int threads) {
        if (threads < 1) {
            throw new HashingException("search threads must be >= 1, got " + threads);
        }
        this.store = store;
        this.threads = threads;
    }

    /** Per-thread scratch space, reused across the queries one worker answers. */
    final class Worker {
        final TopKCollector collector = new TopKCollector(store.bits());
        final long[] xor = new long[store.wordsPerCode()];
        Object extra;
    }

    /** Answers one top-k query ({@code q[qOff..qOff+wpc)}); leaves the hits in {@code w.collector}. */
    abstract void searchOne(long[] q, int qOff, int k, Worker w);

    /** Answers one range query; leaves the hits in {@code w.collector}. */
    abstract void rangeOne(long[] q, int qOff, int radius, Worker w);

    /** Called under the write lock after codes were appended to the store. */
    void afterAdd() {
    }

    /** Called under the write lock after the store renumbered positions (compaction). */
    void afterRenumber() {
    }

    /**
     * Whether a single query may be split over database blocks. When true,
     * {@link #scanBlock} must answer a query over a range of positions.
     */
    boolean splitsSingleQueries() {
        return false;
    }

    @Override
    public int bits() {
        return store.bits();
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return store.live();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public long[] add(BinaryCodes codes) {
        checkBits(codes, "codes to add");
        lock.writeLock().lock();
        try {
            long[] ids = store.autoIds(codes.size());
            store.checkNewIds(ids, codes.size());
            store.append(codes, ids);
            afterAdd();
            return ids;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void add(BinaryCodes codes, long[] ids) {
        checkBits(codes, "codes to add");
        if (ids == null) {
            throw new HashingException("ids must not be null (use add(codes) for automatic ids)");
        }
        lock.writeLock().lock();
        try {
            store.checkNewIds(ids, codes.size());
            store.append(codes, ids);
            afterAdd();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public int remove(long... ids) {
        lock.writeLock().lock();
        try {
            int[] pos = store.positionsForRemoval(ids);
            store.delete(pos);
            if (store.compactIfSparse()) {
                afterRenumber();
            }
            return pos.length;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean contains(long id) {
        lock.readLock().lock();
        try {
            return store.contains(id);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public long[] ids() {
        lock.readLock().lock();
        try {
            return store.liveIds();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public BinaryCodes codes(long... ids) {
        lock.readLock().lock();
        try {
            return store.codesOf(ids);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The stored path of a live id (only for items read from an index file with paths), or null. */
    String pathOf(long id) {
        lock.readLock().lock();
        try {
            int p = store.positionOf(id);
            return p < 0 ? null : store.pathAt(p);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public SearchResult search(BinaryCodes queries, int k) {
        checkBits(queries, "queries");
        if (k <= 0) {
            throw new HashingException("k must be >= 1, got " + k);
        }
        return run(queries, k, true);
    }

    @Override
    public SearchResult rangeSearch(BinaryCodes queries, int radius) {
        checkBits(queries, "queries");
        if (radius < 0) {
            throw new HashingException("search radius must be >= 0, got " + radius);
        }
        return run(queries, radius, false);
    }

    private SearchResult run(BinaryCodes queries, int param, boolean topK) {
        int nq = queries.size();
        int wpc = store.wordsPerCode();
        long[] q = queries.toWords();
        long[][] ids = new long[nq][];
        int[][] dist = new int[nq][];
        lock.readLock().lock();
        try {
            long[][] oneIds = new long[1][];
            int[][] oneDist = new int[1][];
            if (nq < threads && splitsSingleQueries() && store.positions() >= 2L * threads * CodeScanner.BLOCK) {
                // Few queries, many codes: split each query's scan over database blocks.
                for (int i = 0; i < nq; i++) {
                    TopKCollector merged = splitQuery(q, i * wpc, param, topK);
                    merged.finish(store, oneIds, oneDist);
                    ids[i] = oneIds[0];
                    dist[i] = oneDist[0];
                }
            } else {
                AtomicInteger next = new AtomicInteger();
                Parallel.run(Math.min(threads, Math.max(1, nq)), worker -> {
                    Worker w = new Worker();
                    long[][] wi = new long[1][];
                    int[][] wd = new int[1][];
                    for (int i = next.getAndIncrement(); i < nq; i = next.getAndIncrement()) {
                        if (topK) {
                            searchOne(q, i * wpc, param, w);
                        } else {
                            rangeOne(q, i * wpc, param, w);
                        }
                        w.collector.finish(store, wi, wd);
                        ids[i] = wi[0];
                        dist[i] = wd[0];
                    }
                });
            }
        } finally {
            lock.readLock().unlock();
        }
        return SearchResult.of(ids, dist);
    }

    /** One query scanned by all threads, each over its share of blocks, merged at the end. */
    private TopKCollector splitQuery(long[] q, int qOff, int param, boolean topK) {
        int positions = store.positions();
        int blockSize = 4 * CodeScanner.BLOCK;
        int blocks = (positions + blockSize - 1) / blockSize;
        TopKCollector[] parts = new TopKCollector[threads];
        AtomicInteger next = new AtomicInteger();
        Parallel.run(threads, worker -> {
            Worker w = new Worker();
            TopKCollector tk = w.collector;
            if (topK) {
                tk.resetTopK(param);
            } else {
                tk.resetRange(param);
            }
            // Blocks are handed out one at a time so a slow thread does not hold the others up;
            // the collector's cut carries over from block to block.
            for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                int from = b * blockSize;
                scanBlock(q, qOff, from, (int) Math.min(positions, (long) from + blockSize), w);
            }
            parts[worker] = tk;
        });
        TopKCollector merged = new TopKCollector(store.bits());
        if (topK) {
            merged.resetTopK(param);
        } else {
            merged.resetRange(param);
        }
        for (TopKCollector part : parts) {
            merged.offerAll(part);
        }
        return merged;
    }

    /** Offers the live positions in {@code [from, to)} to {@code w.collector} (see {@link #splitsSingleQueries}). */
    void scanBlock(long[] q, int qOff, int from, int to, Worker w) {
        CodeScanner.scan(store, q, qOff, from, to, w.collector);
    }

    void checkBits(BinaryCodes codes, String what) {
        if (codes == null) {
            throw new HashingException(what + " must not be null");
        }
        if (codes.bits() != store.bits()) {
            throw new HashingException(what + " have " + codes.bits() + " bits but the index holds "
                    + store.bits() + "-bit codes");
        }
    }
}
