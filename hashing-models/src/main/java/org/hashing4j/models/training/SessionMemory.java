package org.hashing4j.models.training;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.memory.AbstractMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The memory manager of a SameDiff execution session, replacing the default one for two reasons
 * found here with SameDiff 1.0.0-M2.1:
 * <ul>
 * <li>the default array-reusing manager ({@code ArrayCacheMemoryMgr}) makes repeated
 * {@code output} calls on a graph with {@code linear → relu} return wrong values on every other call
 * (same input, alternating results);</li>
 * <li>the non-reusing {@code NoOpMemoryMgr} leaves every intermediate array to the garbage
 * collector, and since the Java heap barely grows, the native memory did: a 10-epoch CNN run grew
 * past 12 GB and was killed.</li>
 * </ul>
 * This one never hands out an array twice within a call (nothing is overwritten early) and
 * remembers what it handed out; the caller releases them all with {@link #freeAll()} once it has
 * copied what it needs from a call's results. Released arrays are kept for the next call, which asks
 * for the same shapes (one training step is much like the last), and arrays no call reused are
 * freed at the following release. Reusing them avoids allocating, and having the kernel zero, fresh
 * native pages for every op output of every step: a pairwise loss against a 60,000-item code bank
 * has ~30 MB intermediates, and allocating them anew cost about a quarter of that loss's step time
 * (the small CNN, with smaller arrays, trains at the same speed either way). Results are unchanged:
 * a reused array is fully overwritten, as uninitialised memory would be.
 *
 * <p>Sessions are per thread: {@link #install} fetches (or installs) the manager for the calling
 * thread and must be called before each graph call.
 */
public final class SessionMemory extends AbstractMemoryMgr {
    private final List<INDArray> allocated = new ArrayList<>();
    /** Released at the last {@link #freeAll()}, by data type and shape, waiting for reuse. */
    private final Map<Shape, ArrayDeque<INDArray>> released = new HashMap<>();

    private record Shape(DataType type, List<Long> dims) {
        static Shape of(DataType type, long[] shape) {
            return new Shape(type, Arrays.stream(shape).boxed().toList());
        }
    }

    /** The manager of {@code sd}'s session for the current thread, installing one if needed. */
    public static SessionMemory install(SameDiff sd) {
        long thread = Thread.currentThread().getId();
        InferenceSession s = sd.getSessions().get(thread);
        if (s == null) {
            s = new InferenceSession(sd);
            sd.getSessions().put(thread, s);
        }
        if (s.getMmgr() instanceof SessionMemory m) {
            return m;
        }
        SessionMemory m = new SessionMemory();
        s.setMmgr(m);
        return m;
    }

    @Override
    public INDArray allocate(boolean detached, DataType dataType, long... shape) {
        INDArray a = reuse(dataType, shape);
        return track(a != null ? a : Nd4j.createUninitialized(dataType, shape));
    }

    @Override
    public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
        INDArray a = descriptor.getOrder() == 'c' ? reuse(descriptor.dataType(), descriptor.getShape()) : null;
        return track(a != null ? a : Nd4j.create(descriptor, false));
    }

    /** A released c-ordered array of this type and shape, or null. Its contents are stale, as uninitialised memory is. */
    private INDArray reuse(DataType dataType, long[] shape) {
        ArrayDeque<INDArray> q = released.get(Shape.of(dataType, shape));
        return q == null ? null : q.poll();
    }

    @Override
    public void release(INDArray array) {
        // Freed in freeAll, after the caller has read the results: never early.
    }

    /**
     * Releases every array this manager handed out since the last call (results must have been
     * copied): they are reused by the next call; arrays released before and not reused since are freed.
     */
    public void freeAll() {
        closeReleased();
        for (INDArray a : allocated) {
            if (a.closeable() && !a.wasClosed() && !a.isView() && a.ordering() == 'c') {
                released.computeIfAbsent(Shape.of(a.dataType(), a.shape()), k -> new ArrayDeque<>()).add(a);
            } else {
                close(a);
            }
        }
        allocated.clear();
    }

    /** Frees everything, released arrays included (when the graph is done with). */
    @Override
    public void close() {
        freeAll();
        closeReleased();
    }

    private void closeReleased() {
        for (ArrayDeque<INDArray> q : released.values()) {
            for (INDArray a : q) {
                close(a);
            }
        }
        released.clear();
    }

    private static void close(INDArray a) {
        if (a.closeable() && !a.wasClosed()) {
            a.close();
        }
    }

    private INDArray track(INDArray a) {
        allocated.add(a);
        return a;
    }
}
