package org.hashing4j.models.training;

import java.util.ArrayList;
import java.util.List;
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
 * This one allocates a fresh array for every op output (nothing is reused, so nothing is
 * overwritten early) and remembers them; the caller frees them all with {@link #freeAll()} once it
 * has copied what it needs from a call's results.
 *
 * <p>Sessions are per thread: {@link #install} fetches (or installs) the manager for the calling
 * thread and must be called before each graph call.
 */
public final class SessionMemory extends AbstractMemoryMgr {
    private final List<INDArray> allocated = new ArrayList<>();

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
        return track(Nd4j.createUninitialized(dataType, shape));
    }

    @Override
    public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
        return track(Nd4j.create(descriptor, false));
    }

    @Override
    public void release(INDArray array) {
        // Freed in freeAll, after the caller has read the results: never early.
    }

    @Override
    public void close() {
        freeAll();
    }

    /** Frees every array this manager handed out since the last call; results must have been copied. */
    public void freeAll() {
        for (INDArray a : allocated) {
            if (a.closeable() && !a.wasClosed()) {
                a.close();
            }
        }
        allocated.clear();
    }

    private INDArray track(INDArray a) {
        allocated.add(a);
        return a;
    }
}
