package org.hashing4j.models.training;

/**
 * The learning rate at each training step: constant, step decay (×γ every {@code step} epochs, by
 * default once at 80% of training as FIRe's StepLR), or cosine annealing to 0 over the run, each
 * optionally preceded by a linear warm-up. Evaluated per batch from (epoch, batch), so a resumed run
 * uses exactly the rates of an uninterrupted one.
 */
public final class LearningRateSchedule {
    private final String kind;
    private final double base;
    private final int epochs;
    private final int step;
    private final double gamma;
    private final double warmupEpochs;

    /**
     * @param kind         constant, step or cosine
     * @param base         the peak learning rate
     * @param epochs       the run's length
     * @param step         epochs between step decays; 0 means one decay at max(1, ⌊0.8·epochs⌋)
     * @param gamma        factor per step decay
     * @param warmupEpochs length of the linear warm-up in epochs (0: none)
     */
    public LearningRateSchedule(String kind, double base, int epochs, int step, double gamma, double warmupEpochs) {
        this.kind = kind;
        this.base = base;
        this.epochs = epochs;
        this.step = step > 0 ? step : Math.max(1, (int) (0.8 * epochs));
        this.gamma = gamma;
        this.warmupEpochs = warmupEpochs;
    }

    /** A constant rate. */
    public static LearningRateSchedule constant(double lr) {
        return new LearningRateSchedule("constant", lr, 1, 0, 1, 0);
    }

    /**
     * The rate for batch {@code batch} (0-based) of epoch {@code epoch} (0-based), with
     * {@code batches} batches per epoch.
     */
    public double at(int epoch, int batch, int batches) {
        double lr;
        switch (kind) {
            case "step":
                lr = base * Math.pow(gamma, epoch / step);
                break;
            case "cosine":
                double t = epoch + (double) batch / Math.max(1, batches);
                lr = 0.5 * base * (1 + Math.cos(Math.PI * t / epochs));
                break;
            default:
                // Returned as is (not multiplied by 1.0 through a formula) so a constant rate is exactly the configured one.
                lr = base;
        }
        if (warmupEpochs > 0) {
            double steps = warmupEpochs * Math.max(1, batches);
            double done = (double) epoch * batches + batch + 1;
            if (done < steps) {
                lr *= done / steps;
            }
        }
        return lr;
    }
}
