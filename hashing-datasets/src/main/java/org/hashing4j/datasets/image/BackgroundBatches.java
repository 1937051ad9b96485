package org.hashing4j.datasets.image;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hashing4j.core.HashingException;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * An iterator's batches made ahead on a background thread, behind a bounded queue: at most
 * {@code capacity} finished batches wait in the queue, plus the one the thread is building and the one
 * {@code hasNext()} has taken off the queue for the consumer, so memory stays bounded (capacity + 2
 * batches) however long the image list is.
 *
 * <p>Unlike DL4J's {@code AsyncDataSetIterator}, an error on the background thread (an image that
 * does not decode, say) is handed to the consumer: the next {@link #next()} rethrows it — a
 * {@link HashingException} as it is, anything else wrapped in one naming the cause — instead of the
 * thread dying with a stack trace while the consumer waits for a batch that never comes. The thread
 * is a daemon and stops when the consumer {@link #shutdown()}s, so an interrupted command can exit.
 */
public final class BackgroundBatches implements DataSetIterator {
    private static final long serialVersionUID = 1L;
    /** Queue marker for the end of the batches. */
    private static final Object END = new Object();

    private final DataSetIterator source;
    private final int capacity;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicInteger maxOutstanding = new AtomicInteger();
    private transient BlockingQueue<Object> queue;
    private transient Thread worker;
    private Object head;
    private volatile boolean stopped;

    /**
     * @param source   the iterator to run ahead (its {@code next()} runs on the background thread)
     * @param capacity finished batches that may wait, at least 1
     */
    public BackgroundBatches(DataSetIterator source, int capacity) {
        this.source = source;
        this.capacity = Math.max(1, capacity);
        start();
    }

    private void start() {
        queue = new ArrayBlockingQueue<>(capacity);
        head = null;
        stopped = false;
        BlockingQueue<Object> q = queue;
        worker = new Thread(() -> produce(q), "image-batches");
        worker.setDaemon(true);
        worker.start();
    }

    private void produce(BlockingQueue<Object> q) {
        try {
            while (!stopped && source.hasNext()) {
                int now = outstanding.incrementAndGet();
                maxOutstanding.accumulateAndGet(now, Math::max);
                DataSet ds = source.next();
                q.put(ds);
            }
            q.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            // offer, not put: the queue may be full, and the consumer must still learn of the failure
            // after taking the waiting batches, so wait for room unless shut down
            try {
                while (!stopped && !q.offer(t, 100, TimeUnit.MILLISECONDS)) {
                    // waiting for the consumer to make room
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The largest number of batches made but not yet handed out by {@code next()} at any one time (at most capacity + 2). */
    public int maxOutstanding() {
        return maxOutstanding.get();
    }

    /** The queue bound. */
    public int capacity() {
        return capacity;
    }

    private Object peek() {
        if (head == null) {
            try {
                while (head == null) {
                    head = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (head == null && !worker.isAlive() && queue.isEmpty()) {
                        // cannot happen unless the thread was killed from outside; never wait forever
                        throw new HashingException("the image decoding thread stopped without a result");
                    }
                }
            } catch (InterruptedException e) {
                shutdown();
                Thread.currentThread().interrupt();
                throw new HashingException("interrupted while waiting for decoded images");
            }
        }
        return head;
    }

    @Override
    public boolean hasNext() {
        Object h = peek();
        if (h instanceof Throwable t) {
            shutdown();
            throw rethrown(t);
        }
        return h != END;
    }

    @Override
    public DataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        DataSet ds = (DataSet) head;
        head = null;
        outstanding.decrementAndGet();
        return ds;
    }

    private static RuntimeException rethrown(Throwable t) {
        if (t instanceof HashingException h) {
            // a fresh exception keeps the consumer's stack in --debug traces; the message is the one line
            return new HashingException(h.getMessage(), h);
        }
        return new HashingException("decoding images failed: " + t, t);
    }

    /** Stops the background thread (batches still queued are dropped). */
    public void shutdown() {
        stopped = true;
        worker.interrupt();
    }

    @Override
    public DataSet next(int num) {
        throw new UnsupportedOperationException("batch size is fixed by the source iterator");
    }

    @Override
    public int inputColumns() {
        return source.inputColumns();
    }

    @Override
    public int totalOutcomes() {
        return source.totalOutcomes();
    }

    @Override
    public boolean resetSupported() {
        return source.resetSupported();
    }

    @Override
    public boolean asyncSupported() {
        return false; // already asynchronous: DL4J must not wrap it again
    }

    /** Stops the thread, resets the source (the next epoch) and starts again. */
    @Override
    public void reset() {
        shutdown();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HashingException("interrupted while resetting the image iterator");
        }
        outstanding.set(0);
        source.reset();
        start();
    }

    @Override
    public int batch() {
        return source.batch();
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        source.setPreProcessor(preProcessor);
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return source.getPreProcessor();
    }

    @Override
    public List<String> getLabels() {
        return source.getLabels();
    }
}
