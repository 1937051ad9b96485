package org.hashing4j.models.jmlh;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.memory.NoOpMemoryMgr;

/**
 * Works around a SameDiff 1.0.0-M2.1 bug: with its default array-reusing memory manager, repeated
 * {@code output} calls on a graph with {@code linear → relu} return wrong values on every other
 * call (checked here: same input, alternating results). Giving each execution session a
 * {@link NoOpMemoryMgr} (plain allocation) makes results correct and repeatable.
 *
 * <p>Sessions are per thread, so this is installed before every call, for the calling thread.
 */
final class SafeSessions {
    /** Whether training steps also get the no-reuse memory manager (see JmlhNetwork.step). */
    static final boolean FOR_TRAINING = !Boolean.getBoolean("hashing4j.jmlh.reuseTrainingMemory");

    private SafeSessions() {
    }

    static void install(SameDiff sd) {
        long thread = Thread.currentThread().getId();
        InferenceSession s = sd.getSessions().get(thread);
        if (s == null) {
            s = new InferenceSession(sd);
            sd.getSessions().put(thread, s);
        }
        if (!(s.getMmgr() instanceof NoOpMemoryMgr)) {
            s.setMmgr(new NoOpMemoryMgr());
        }
    }
}
