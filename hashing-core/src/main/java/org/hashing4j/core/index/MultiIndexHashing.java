package org.hashing4j.core.index;

import java.util.List;
import org.hashing4j.core.HashingException;

/**
 * Exact Hamming search by multi-index hashing (Norouzi, Punjani and Fleet, "Fast Exact Search in
 * Hamming Space with Multi-Index Hashing", TPAMI 2014).
 *
 * <p><b>Idea.</b> Each b-bit code is cut into m disjoint substrings, and each substring indexes its
 * own hash table. If two codes differ in at most r bits, then by the pigeonhole principle some
 * substring differs in at most ⌊r/m⌋ bits; more precisely, with r = s·m + a (0 ≤ a &lt; m), one of the
 * first a+1 substrings differs in at most s bits or one of the others in at most s−1. So a range
 * query probes, in table t, every substring value within radius s (t ≤ a) or s−1 (t &gt; a) of the
 * query's substring, and verifies the candidates with the full distance. A k-nearest query grows the
 * radius table by table: after table t has been probed at radius s, every item within distance
 * s·m + t has been seen, so the search stops as soon as the k-th best distance found is within that
 * bound. Both answers are exact and equal to {@link ExhaustiveIndex}'s, ties in ascending id.
 *
 * <p><b>Substrings.</b> By default m = round(b / log2 n) (the paper's choice: substrings of about
 * log2 n bits hold about one item per value), at least ⌈b/32⌉; lengths differ by at most one bit.
 * The tables are rebuilt, with m re-chosen for the new size, when the codes added since the last
 * build exceed an eighth of the indexed ones; until then the new codes are scanned exhaustively.
 *
 * <p><b>Duplicates.</b> An item sits in every table, so it can be reached up to m times. Instead of
 * a per-query visited set, an item is accepted only from its "owner": the table t minimising
 * (substring distance, t), which is always the first probe to reach it.
 *
 * <p><b>When probing does not pay.</b> Probing C(len, s) values costs more than a scan once the radius
 * is large relative to the substring length (uniformly random codes, a query far from everything,
 * k close to n). A simple cost model (a probe or a candidate check, each a likely cache miss, ≈ 200
 * code comparisons of a scan) switches such a query to the exhaustive scan when the probing done plus
 * the next round would cost more than half a scan, or, once k candidates have been in for a full round
 * of tables, when probing on to the current k-th distance would. So a query MIH cannot help costs at
 * most about 1.5 scans, and near-neighbour queries never come close to the limit.
 *
 * <p>Removals leave tombstones; when more than half of the positions are removed (and the codes live
 * on the heap) the store is compacted and the tables rebuilt. Memory: the exhaustive index's plus
 * about 4·m bytes per item and the bucket offsets.
 */
public final class MultiIndexHashing extends AbstractHammingIndex {
    /** Cost of probing one substring value, in units of one scanned code. */
    static final double PROBE_COST = 200;
    /** Cost of checking one candidate (random access to its code), in units of one scanned code. */
    static final double CANDIDATE_COST = 200;
    /** Codes added since the last build that are tolerated before a rebuild: max(this, indexed / 8). */
    static final int MIN_TAIL = 256;
    /** How many candidates ahead a bucket walk loads codes. */
    static final int PREFETCH = 8;

    private final int requestedSubstrings;
    /** Whether a query may switch to the scan when probing would cost more (tests turn it off). */
    boolean scanFallback = true;
    private SubstringTable[] tables;
    private int indexedEnd;

    /** An empty index with the default substring count, one search thread per processor. */
    public MultiIndexHashing(int bits) {
        this(bits, Runtime.getRuntime().availableProcessors());
    }

    /** An empty index with the default substring count. */
    public MultiIndexHashing(int bits, int threads) {
        this(bits, threads, 0);
    }

    /**
     * An empty index with {@code substrings} hash tables (0 = choose from the size, see the class
     * comment). Substrings may be at most 32 bits long, so {@code substrings >= ceil(bits / 32)}.
     */
    public MultiIndexHashing(int bits, int threads, int substrings) {
        this(new CodeStore(bits), threads, substrings);
    }

    MultiIndexHashing(CodeStore store, int threads, int substrings) {
        super(store, threads);
        int bits = store.bits();
        if (substrings < 0 || substrings > bits) {
            throw new HashingException("substring count must be between 1 and " + bits + " (or 0 for automatic), got "
                    + substrings);
        }
        if (substrings > 0 && (bits + substrings - 1) / substrings > SubstringTable.MAX_BITS) {
            throw new HashingException(substrings + " substrings of " + bits + "-bit codes would be longer than "
                    + SubstringTable.MAX_BITS + " bits; use at least " + ((bits + SubstringTable.MAX_BITS - 1)
                    / SubstringTable.MAX_BITS));
        }
        this.requestedSubstrings = substrings;
        if (store.positions() > 0) {
            rebuild();
        }
    }

    /** The default substring count for {@code n} codes of {@code bits} bits: round(bits / log2 n), bounded. */
    public static int defaultSubstrings(int bits, long n) {
        double log2n = Math.log(Math.max(n, 2)) / Math.log(2);
        long m = Math.round(bits / log2n);
        m = Math.max(m, (bits + SubstringTable.MAX_BITS - 1) / SubstringTable.MAX_BITS);
        return (int) Math.max(1, Math.min(bits, m));
    }

    @Override
    public IndexKind kind() {
        return IndexKind.MULTI_INDEX;
    }

    /** Number of substrings (hash tables) in use; 0 while the index was never built. */
    public int substrings() {
        lock.readLock().lock();
        try {
            return tables == null ? 0 : tables.length;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The substring count asked for at construction (0 = automatic). */
    public int requestedSubstrings() {
        return requestedSubstrings;
    }

    /** Approximate heap bytes of the hash tables. */
    public long tableBytes() {
        lock.readLock().lock();
        try {
            long b = 0;
            if (tables != null) {
                for (SubstringTable t : tables) {
                    b += t.bytes();
                }
            }
            return b;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    void afterAdd() {
        int tail = store.positions() - indexedEnd;
        if (tail > Math.max(MIN_TAIL, indexedEnd / 8)) {
            rebuild();
        }
    }

    @Override
    void afterRenumber() {
        rebuild();
    }

    /** Rebuilds every table over all positions, re-choosing the substring count. */
    private void rebuild() {
        int bits = store.bits();
        int m = requestedSubstrings > 0 ? requestedSubstrings : defaultSubstrings(bits, store.live());
        int[] starts = new int[m];
        int[] lens = new int[m];
        int base = bits / m;
        int longer = bits % m;
        for (int t = 0, at = 0; t < m; t++) {
            lens[t] = base + (t < longer ? 1 : 0);
            starts[t] = at;
            at += lens[t];
        }
        int end = store.positions();
        tables = SubstringTable.build(store, end, starts, lens);
        indexedEnd = end;
    }

    /**
     * Scans the items appended since the substring tables were built (they are in no table), and
     * says whether there are tables to probe for the rest.
     */
    private boolean scanUnindexedTail(long[] q, int qOff, TopKCollector tk) {
        int positions = store.positions();
        if (indexedEnd < positions) {
            CodeScanner.scan(store, q, qOff, indexedEnd, positions, tk);
        }
        return tables != null && indexedEnd != 0;
    }

    @Override
    void searchOne(long[] q, int qOff, int k, Worker w) {
        TopKCollector tk = w.collector;
        tk.resetTopK(k);
        int positions = store.positions();
        if (!scanUnindexedTail(q, qOff, tk)) {
            return;
        }
        Probe probe = probe(w);
        probe.start(q, qOff);
        int m = tables.length;
        // Probing may cost up to half a scan before the query gives up and scans: random-like
        // queries then waste at most that, while near-neighbour queries stay far below it.
        double budget = positions / 2.0;
        int bound = -1;
        int roundsFull = 0;
        for (int s = 0; ; s++) {
            for (int t = 0; t < m; t++) {
                SubstringTable tab = tables[t];
                if (scanFallback && probe.work + probeCost(tab, s) > budget) {
                    scanAll(q, qOff, w, () -> tk.resetTopK(k));
                    return;
                }
                probe.probe(t, s);
                if (s >= tab.len) {
                    return; // every value of this substring was probed: every item has been reached
                }
                bound++; // now every item within s*m + t has been seen
                if (tk.full()) {
                    if (tk.cut() <= bound) {
                        return;
                    }
                    // The cut only falls, so probing on to a bound equal to today's cut is an upper
                    // estimate of what is left; give up early when that would exceed the budget. The
                    // first candidates can be far off (found by chance in a neighbouring bucket), so
                    // the estimate is trusted only after a full round of tables with k candidates in.
                    if (++roundsFull > m && scanFallback && probe.work + costUntil(bound, tk.cut()) > budget) {
                        scanAll(q, qOff, w, () -> tk.resetTopK(k));
                        return;
                    }
                }
            }
        }
    }

    @Override
    void rangeOne(long[] q, int qOff, int radius, Worker w) {
        TopKCollector tk = w.collector;
        tk.resetRange(radius);
        int positions = store.positions();
        if (!scanUnindexedTail(q, qOff, tk)) {
            return;
        }
        int m = tables.length;
        int s = radius / m;
        int a = radius % m;
        int[] rho = new int[m];
        double cost = 0;
        int maxRho = 0;
        for (int t = 0; t < m; t++) {
            rho[t] = Math.min(t <= a ? s : s - 1, tables[t].len);
            maxRho = Math.max(maxRho, rho[t]);
            for (int r = 0; r <= rho[t]; r++) {
                cost += probeCost(tables[t], r);
            }
        }
        if (scanFallback && cost > positions / 2.0) {
            scanAll(q, qOff, w, () -> tk.resetRange(radius));
            return;
        }
        Probe probe = probe(w);
        probe.start(q, qOff);
        // Same (radius, table) order as the k-nearest search, so the owner rule holds.
        for (int r = 0; r <= maxRho; r++) {
            for (int t = 0; t < m; t++) {
                if (r <= rho[t]) {
                    probe.probe(t, r);
                }
            }
        }
    }

    private void scanAll(long[] q, int qOff, Worker w, Runnable reset) {
        reset.run();
        CodeScanner.scan(store, q, qOff, 0, store.positions(), w.collector);
    }

    /** Estimated cost of the probe rounds after the one that reached {@code bound}, up to {@code target}. */
    private double costUntil(int bound, int target) {
        int m = tables.length;
        double c = 0;
        for (int r = bound + 1; r <= target; r++) {
            SubstringTable tab = tables[r % m];
            int s = r / m;
            c += probeCost(tab, s);
            if (s >= tab.len) {
                break;
            }
        }
        return c;
    }

    /** Estimated cost of probing every value at exactly distance {@code s} in a table. */
    private static double probeCost(SubstringTable tab, int s) {
        if (s > tab.len) {
            return 0;
        }
        return binomial(tab.len, s) * (PROBE_COST + CANDIDATE_COST * tab.meanItemsPerValue());
    }

    static double binomial(int n, int k) {
        double c = 1;
        for (int i = 0; i < k; i++) {
            c = c * (n - i) / (i + 1);
        }
        return c;
    }

    private Probe probe(Worker w) {
        if (!(w.extra instanceof Probe) || ((Probe) w.extra).tables != tables) {
            w.extra = new Probe(w, tables);
        }
        return (Probe) w.extra;
    }

    /** Per-worker state of one query's probing: its substring values and the work done. */
    private final class Probe {
        final Worker w;
        final SubstringTable[] tables;
        final long[] keys;
        final int wpc = store.wordsPerCode();
        final long[] deleted = store.deletedBits();
        final long[] singleHeap;
        final long[] code;
        long[] q;
        int qOff;
        double work;
        /** Sum of the codes loaded ahead of use; read by nobody, it keeps those loads from being removed. */
        long touched;

        Probe(Worker w, SubstringTable[] tables) {
            this.w = w;
            this.tables = tables;
            this.keys = new long[tables.length];
            List<CodeStore.Chunk> chunks = store.chunks();
            this.singleHeap = chunks.size() == 1 && chunks.get(0).isHeap() ? chunks.get(0).words : null;
            this.code = new long[wpc];
        }

        void start(long[] query, int off) {
            this.q = query;
            this.qOff = off;
            this.work = 0;
            for (int t = 0; t < tables.length; t++) {
                keys[t] = SubstringTable.extract(query, off, tables[t].start, tables[t].len);
            }
        }

        /** Probes table t at every value at exactly distance s from the query's substring. */
        void probe(int t, int s) {
            SubstringTable tab = tables[t];
            int len = tab.len;
            if (s > len) {
                return;
            }
            long key = keys[t];
            if (s == 0) {
                visit(t, s, key);
                work += PROBE_COST;
                return;
            }
            // All len-bit masks with s bits set, in increasing order (Gosper's hack).
            long limit = 1L << len;
            long mask = (1L << s) - 1;
            long probes = 0;
            while (mask < limit) {
                visit(t, s, key ^ mask);
                probes++;
                long low = mask & -mask;
                long ripple = mask + low;
                mask = (((ripple ^ mask) >>> 2) >>> Long.numberOfTrailingZeros(low)) | ripple;
            }
            work += probes * PROBE_COST;
        }

        private void visit(int t, int s, long value) {
            SubstringTable tab = tables[t];
            int b = tab.bucket(value);
            if (b < 0) {
                return;
            }
            TopKCollector tk = w.collector;
            long[] x = w.xor;
            int end = tab.bucketEnd(b);
            work += CANDIDATE_COST * (end - tab.bucketStart(b));
            long touch = 0;
            for (int i = tab.bucketStart(b); i < end; i++) {
                if (singleHeap != null && i + PREFETCH < end) {
                    // Load a code a few candidates ahead so its cache miss overlaps this one's work
                    // (Java has no prefetch instruction; the value is kept live through `touched`).
                    touch += singleHeap[tab.item(i + PREFETCH) * wpc];
                }
                int p = tab.item(i);
                if (deleted != null && (deleted[p >>> 6] & (1L << p)) != 0) {
                    continue;
                }
                long[] src;
                int off;
                if (singleHeap != null) {
                    src = singleHeap;
                    off = p * wpc;
                } else {
                    store.codeAt(p, code, 0);
                    src = code;
                    off = 0;
                }
                int d = 0;
                for (int j = 0; j < wpc; j++) {
                    x[j] = src[off + j] ^ q[qOff + j];
                    d += Long.bitCount(x[j]);
                }
                if (d > tk.cut() || !owns(t, s, x)) {
                    continue;
                }
                tk.offer(p, d);
            }
            touched += touch;
        }

        /** Whether table t (where the item's substring distance is s) is the first probe to reach it. */
        private boolean owns(int t, int s, long[] x) {
            for (int j = 0; j < tables.length; j++) {
                if (j == t) {
                    continue;
                }
                int dj = Long.bitCount(SubstringTable.extract(x, 0, tables[j].start, tables[j].len));
                if (dj < s || (dj == s && j < t)) {
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public String toString() {
        return "MultiIndexHashing[" + size() + " codes of " + bits() + " bits, " + substrings() + " substrings, "
                + threads + " threads]";
    }
}
