package org.hashing4j.core.index;

/**
 * Exact search by comparing the query with every stored code: XOR and {@link Long#bitCount} over the
 * packed words, block after block, with the counting top-k of {@link TopKCollector} (a histogram of
 * distances and an early cut instead of a heap of n items).
 *
 * <p>Batches are spread over the search threads query by query; a batch with fewer queries than
 * threads splits each query over database blocks instead, so a single query also uses every thread.
 * Costs O(n) per query with a very small constant (a few 10⁹ 64-bit codes per second per thread);
 * {@link MultiIndexHashing} answers the same queries in sub-linear time when neighbours are near.
 *
 * <p>Memory: the codes (8 bytes per 64 bits) plus an 8-byte id per item; an id map (about 24 bytes
 * per item) only when ids are not 0, 1, 2, … in insertion order.
 */
public final class ExhaustiveIndex extends AbstractHammingIndex {

    /** An empty index for {@code bits}-bit codes searching with one thread per processor. */
    public ExhaustiveIndex(int bits) {
        this(bits, Runtime.getRuntime().availableProcessors());
    }

    /** An empty index for {@code bits}-bit codes searching with {@code threads} threads. */
    public ExhaustiveIndex(int bits, int threads) {
        this(new CodeStore(bits), threads);
    }

    ExhaustiveIndex(CodeStore store, int threads) {
        super(store, threads);
    }

    @Override
    public IndexKind kind() {
        return IndexKind.EXHAUSTIVE;
    }

    @Override
    boolean splitsSingleQueries() {
        return true;
    }

    @Override
    void searchOne(long[] q, int qOff, int k, Worker w) {
        w.collector.resetTopK(k);
        CodeScanner.scan(store, q, qOff, 0, store.positions(), w.collector);
    }

    @Override
    void rangeOne(long[] q, int qOff, int radius, Worker w) {
        w.collector.resetRange(radius);
        CodeScanner.scan(store, q, qOff, 0, store.positions(), w.collector);
    }

    @Override
    public String toString() {
        return "ExhaustiveIndex[" + size() + " codes of " + bits() + " bits, " + threads + " threads]";
    }
}
