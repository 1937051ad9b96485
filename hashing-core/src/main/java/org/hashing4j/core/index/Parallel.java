package org.hashing4j.core.index;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs search workers on a shared pool of daemon threads (so an application never has to shut an
 * index down). The calling thread is always one of the workers.
 */
final class Parallel {
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hashing4j-search-" + THREAD_NUMBER.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private Parallel() {
    }

    /** Runs {@code worker.accept(i)} for i = 0..workers-1 concurrently and waits for all. */
    static void run(int workers, IntConsumer worker) {
        if (workers <= 1) {
            worker.accept(0);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(workers - 1);
        for (int i = 1; i < workers; i++) {
            int id = i;
            futures.add(POOL.submit(() -> worker.accept(id)));
        }
        RuntimeException first = null;
        try {
            worker.accept(0);
        } catch (RuntimeException e) {
            first = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("search interrupted", e);
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause()
                            : new IllegalStateException(e.getCause());
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
