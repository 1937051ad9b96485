package org.hashing4j.models.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.nets.SeededInitializer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What makes a deep hashing method: its head (hash layer of K units with the method's activation,
 * plus a classifier or codebook where it has one) and its loss, built as SameDiff ops on the
 * backbone's feature variable; its state (class centres, codebooks, banks of codes — saved in
 * checkpoints and model files); and hooks for what changes per batch. Everything else (backbone,
 * optimiser, schedules, batches, validation, checkpoints, history) is {@link DeepTrainer}'s.
 *
 * <p>One instance serves one training run or one loaded model. The trainer calls, in order:
 * {@link #build} once; {@link #bind} with the data; {@link #prepare} once before the first epoch of
 * a fresh run (not on resume: the state comes from the checkpoint through {@link #restoreState}); then per batch
 * {@link #feed} → step → {@link #observe}; {@link #endEpoch} after each epoch.
 */
public abstract class DeepObjective {

    /** Builds the head and the loss; see {@link HeadBuilder}. */
    public abstract Head build(HeadBuilder graph);

    /**
     * Called before training, fresh or resumed (before {@link #prepare} or {@link #restoreState}):
     * keep what the method needs of the data (labels for pairwise similarity, the training items
     * for a bank's row order).
     *
     * @param data       the whole training set handed to the method
     * @param trainItems the rows of {@code data} trained on (the validation slice excluded), in order
     */
    public void bind(FeatureSet data, int[] trainItems) {
    }

    /**
     * Called once before a fresh run's first epoch (not when resuming, where the state comes from
     * the checkpoint): draw data-dependent state (class centres, codebooks, pseudo-labels, banks).
     *
     * @param random the run's seeded stream for this purpose
     */
    public void prepare(SplittableRandom random) {
    }

    /**
     * The values of the method's own placeholders for one batch (noise, continuation slope, bank
     * rows); draw randomness only from {@link Batch#random()}, which is seeded by (seed, epoch), so
     * that runs repeat and resume exactly. The trainer closes the returned arrays after the step, so
     * return fresh arrays (copies of any state), never the state itself.
     */
    public Map<String, INDArray> feed(Batch batch) {
        return Map.of();
    }

    /**
     * The rows fed to the network's input for one training batch. The default is the batch itself;
     * a method that trains on augmented views returns them instead (e.g. 2n rows: two views of each
     * item), drawing from {@link Batch#random()}. Encoding always feeds the plain rows. The trainer
     * closes the returned array after the step, so return a fresh one (or {@code batch.input()}).
     */
    public INDArray trainingInput(Batch batch) {
        return batch.input();
    }

    /**
     * The training items of one epoch (0-based), as indices into the full data set: a subset of
     * {@code train} for methods that train on a sample per outer iteration (ADSH). The default is
     * all of {@code train}. Draw only from {@code random}, which the trainer seeds by (seed, epoch);
     * keep what must survive a resume in {@link #state()}. The trainer shuffles the result.
     */
    public int[] epochItems(int epoch, int[] train, SplittableRandom random) {
        return train;
    }

    /**
     * Whether the method reads the training rows themselves outside the batches (e.g. pseudo-labels
     * from distances between rows in {@link #prepare}, or augmenting rows by their image shape). Such a
     * method cannot train on image files streamed from disk, where {@link #bind}'s data holds only the
     * labels; the trainer refuses it with a one-line error. Default false.
     */
    public boolean readsTrainingRows() {
        return false;
    }

    /** Graph outputs {@link #observe} needs after each step (e.g. the code logits for a bank). */
    public List<String> observedOutputs() {
        return List.of();
    }

    /** After a step: the values of {@link #observedOutputs()} for the batch (forward pass before the step). */
    public void observe(Batch batch, Map<String, INDArray> outputs) {
    }

    /** After each epoch (0-based). */
    public void endEpoch(int epoch) {
    }

    /**
     * What the objective derives from its method's parameters beyond their values as set, for provenance
     * and fingerprints (e.g. DSH's margin 0 resolved to 2K). The parameters' own values are recorded by
     * {@link DeepHashingMethod#settingsMap}, in declaration order; an entry here under a parameter's name
     * replaces that value in place, any other follows them. Empty by default.
     */
    public Map<String, Object> settings() {
        return Map.of();
    }

    /** The method's state (centres, codebooks, banks) as named arrays; empty when it has none. */
    public Map<String, INDArray> state() {
        return Map.of();
    }

    /**
     * The part of the state a model file needs for encoding (default: all of it); training-only
     * state such as a bank of codes is left out of model files this way.
     */
    public Map<String, INDArray> modelState() {
        return state();
    }

    /** Restores {@link #state()} (or {@link #modelState()} when loading a model) from a checkpoint or model file; {@code source} names it in errors. */
    public void restoreState(Map<String, INDArray> state, String source) {
        if (!state.isEmpty()) {
            throw new HashingException(source + ": unexpected method state " + state.keySet());
        }
    }

    /** One mini-batch as the trainer hands it to the objective. */
    public record Batch(int epoch, int index, int[] items, INDArray input, INDArray labels, SplittableRandom random) {
        /** Number of items in the batch. */
        public int size() {
            return items.length;
        }
    }

    /**
     * How codes are read off the trained network: bit = 1 where {@code variable} &gt; {@code threshold}
     * (or ≥ when {@code inclusive}: sign(0) := +1, as METHODS-DEEP.md asks).
     */
    public record Encoding(String variable, double threshold, boolean inclusive) {
        /** sign(v) with sign(0) = +1. */
        public static Encoding sign(SDVariable v) {
            return new Encoding(v.name(), 0, true);
        }

        /** 1 where v &gt; threshold. */
        public static Encoding above(SDVariable v, double threshold) {
            return new Encoding(v.name(), threshold, false);
        }

        boolean bit(float value) {
            return inclusive ? value >= threshold : value > threshold;
        }
    }

    /**
     * What {@link #build} returns.
     *
     * @param loss     the scalar to minimise (a mean over the batch)
     * @param terms    named scalar terms recorded per epoch (e.g. "classification_loss", "quantization")
     * @param encoding how codes are read at test time
     */
    public record Head(SDVariable loss, Map<String, SDVariable> terms, Encoding encoding) {
        /**
         * The head most methods end with: loss = {@code first} + {@code weight}·{@code second} (a likelihood
         * or similarity term and a weighted quantisation or regularising one), both terms recorded under
         * their names, first then second, and codes sign({@code codes}). The ops are added in the order the
         * methods wrote them out (the product, then the sum named "loss"), so their graphs are unchanged.
         */
        public static Head weighted(String firstName, SDVariable first, String secondName, SDVariable second,
                double weight, SDVariable codes) {
            Map<String, SDVariable> terms = new LinkedHashMap<>();
            terms.put(firstName, first);
            terms.put(secondName, second);
            return new Head(first.add("loss", second.mul(weight)), terms, Encoding.sign(codes));
        }
    }

    /** The graph under construction, as an objective sees it. */
    public static final class HeadBuilder {
        private final SameDiff sd;
        private final SDVariable features;
        private final int featureDimension;
        private final int bits;
        private final int numClasses;
        private final boolean multiLabel;
        private final SeededInitializer init;
        private final DataType dataType;
        private SDVariable labels;

        HeadBuilder(SameDiff sd, SDVariable features, int featureDimension, int bits, int numClasses, boolean multiLabel,
                SeededInitializer init, DataType dataType) {
            this.dataType = dataType;
            this.sd = sd;
            this.features = features;
            this.featureDimension = featureDimension;
            this.bits = bits;
            this.numClasses = numClasses;
            this.multiLabel = multiLabel;
            this.init = init;
        }

        public SameDiff sd() {
            return sd;
        }

        /** The graph's floating-point type (FLOAT when training; DOUBLE in gradient tests): use it for constants. */
        public DataType dataType() {
            return dataType;
        }

        /** A constant (not trained) array in the graph's type. */
        public SDVariable constant(String name, INDArray value) {
            return sd.constant(name, value.castTo(dataType));
        }

        /** A trainable variable initialised from {@code value}, in the graph's type. */
        public SDVariable variable(String name, INDArray value) {
            return sd.var(name, value.castTo(dataType));
        }

        /** The backbone's output, batch × {@link #featureDimension()}. */
        public SDVariable features() {
            return features;
        }

        public int featureDimension() {
            return featureDimension;
        }

        /** K. */
        public int bits() {
            return bits;
        }

        /** Number of classes of the training labels (0 when the data are unlabelled). */
        public int numClasses() {
            return numClasses;
        }

        public boolean multiLabel() {
            return multiLabel;
        }

        /** The seeded initialiser: draw weights from it in a fixed order. */
        public SeededInitializer init() {
            return init;
        }

        /**
         * The labels placeholder (batch × classes, one-hot or 0/1), created on first use; fails for
         * unlabelled data.
         */
        public SDVariable labels() {
            if (labels == null) {
                if (numClasses < 1) {
                    throw new HashingException("this method needs labelled training data");
                }
                labels = sd.placeHolder(DeepNetwork.LABELS, dataType, -1, numClasses);
            }
            return labels;
        }

        /** A float placeholder the objective fills in {@link DeepObjective#feed}; −1 is the batch dimension. */
        public SDVariable placeholder(String name, long... shape) {
            return sd.placeHolder(name, dataType, shape);
        }

        /**
         * The hash layer most methods use: a dense layer {@code hash/fc} from the features to the bits,
         * its output named {@code code_logits} (what code banks and encodings read).
         */
        public SDVariable hashLayer() {
            return sd.identity("code_logits", dense("hash/fc", features(), featureDimension(), bits()));
        }

        /** A dense layer {@code x·W + b} named {@code name/W}, {@code name/b} (Glorot-uniform W, zero b). */
        public SDVariable dense(String name, SDVariable x, int in, int out) {
            SDVariable w = variable(name + "/W", init.glorotUniform(in, out, in, out));
            SDVariable b = variable(name + "/b", init.zeros(out));
            return sd.nn.linear(name, x, w, b);
        }

        /** A dense layer without bias, W drawn from N(0, std²) (FIRe's hash layer initialisation). */
        public SDVariable denseNoBias(String name, SDVariable x, int in, int out, double std) {
            return x.mmul(variable(name + "/W", init.normal(std, in, out)));
        }

        /** A dense layer with bias, W drawn from N(0, std²), zero bias. */
        public SDVariable denseNormal(String name, SDVariable x, int in, int out, double std) {
            SDVariable w = variable(name + "/W", init.normal(std, in, out));
            SDVariable b = variable(name + "/b", init.zeros(out));
            return sd.nn.linear(name, x, w, b);
        }
    }
}
