package org.hashing4j.models.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hashing4j.core.HashingException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The optimisers of the deep trainer, one state per parameter, all state exposed for checkpoints:
 * <ul>
 *   <li>{@code sgd}: PyTorch's SGD — v ← μ·v + g, step −lr·v, or −lr·(g + μ·v) with Nesterov; weight
 *       decay added to g (L2);</li>
 *   <li>{@code adam}: ND4J's {@link AdamUpdater} (β1 0.9, β2 0.999, ε 1e-8, bias-corrected), weight
 *       decay added to g (L2, as FIRe's Adam);</li>
 *   <li>{@code adamw}: the same Adam step plus decoupled decay −lr·wd·θ (Loshchilov &amp; Hutter).</li>
 * </ul>
 * The learning rate is given per step, so schedules and per-group rates (backbone vs head) live with
 * the caller. Adam goes through ND4J's updater so that JMLH, which always did, gives bit-identical
 * weights on this trainer.
 */
public final class DeepOptimizer {
    private final String kind;
    private final double momentum;
    private final boolean nesterov;
    private final double weightDecay;
    private final Map<String, AdamUpdater> adam = new LinkedHashMap<>();
    private final Map<String, Adam> adamConfig = new LinkedHashMap<>();
    private final Map<String, INDArray> velocity = new LinkedHashMap<>();

    /**
     * @param kind       sgd, adam or adamw
     * @param parameters the parameters it will update, by name (their shapes size the state)
     */
    public DeepOptimizer(String kind, double momentum, boolean nesterov, double weightDecay, Map<String, INDArray> parameters) {
        this.kind = kind;
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
        for (Map.Entry<String, INDArray> e : parameters.entrySet()) {
            INDArray p = e.getValue();
            if (kind.equals("sgd")) {
                velocity.put(e.getKey(), Nd4j.zeros(p.dataType(), p.shape()));
            } else {
                // One config per parameter: the rate is set before each step (schedules, backbone scale).
                Adam config = new Adam(1e-3);
                AdamUpdater u = new AdamUpdater(config);
                u.setStateViewArray(Nd4j.zeros(DataType.FLOAT, 1, 2 * p.length()), p.shape(), p.ordering(), true);
                adam.put(e.getKey(), u);
                adamConfig.put(e.getKey(), config);
            }
        }
    }

    /** The checkpoint group name of this optimiser's state: "adam" (adam, adamw) or "sgd". */
    public String stateGroup() {
        return kind.equals("sgd") ? "sgd" : "adam";
    }

    /**
     * One update of {@code param} in place. {@code gradient} is consumed (overwritten).
     *
     * @param iteration steps taken before this one (Adam's bias correction)
     */
    public void step(String name, INDArray param, INDArray gradient, double lr, int iteration) {
        if (gradient.ordering() != param.ordering()) {
            // SameDiff gives some weight gradients in Fortran order (a dense layer's W under
            // SessionMemory); ND4J's Adam then falls to an element-by-element path many times slower.
            // Same values in the parameter's order: the update is identical, only faster.
            gradient = gradient.dup(param.ordering());
        }
        if (weightDecay > 0 && !kind.equals("adamw")) {
            gradient.addi(param.mul(weightDecay));
        }
        if (kind.equals("sgd")) {
            INDArray v = velocity.get(name);
            if (momentum > 0) {
                v.muli(momentum).addi(gradient);
                if (nesterov) {
                    gradient.addi(v.mul(momentum));
                } else {
                    gradient.assign(v);
                }
            }
            param.subi(gradient.muli(lr));
            return;
        }
        INDArray decay = kind.equals("adamw") && weightDecay > 0 ? param.mul(lr * weightDecay) : null;
        adamConfig.get(name).setLearningRate(lr);
        // applyUpdater turns the gradient into the update in place (bias-corrected Adam step).
        adam.get(name).applyUpdater(gradient, iteration, 0);
        param.subi(gradient);
        if (decay != null) {
            param.subi(decay);
        }
    }

    /** Copies of the state: {@code <param>#M}, {@code <param>#V} for Adam; {@code <param>#velocity} for SGD. */
    public Map<String, INDArray> state() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (Map.Entry<String, AdamUpdater> e : adam.entrySet()) {
            m.put(e.getKey() + "#M", e.getValue().getM().dup());
            m.put(e.getKey() + "#V", e.getValue().getV().dup());
        }
        for (Map.Entry<String, INDArray> e : velocity.entrySet()) {
            m.put(e.getKey() + "#velocity", e.getValue().dup());
        }
        return m;
    }

    /** Restores {@link #state()}; a missing or mis-shaped array is a one-line error naming {@code source}. */
    public void restore(Map<String, INDArray> state, String source) {
        Map<String, INDArray> targets = new LinkedHashMap<>();
        for (Map.Entry<String, AdamUpdater> e : adam.entrySet()) {
            targets.put(e.getKey() + "#M", e.getValue().getM());
            targets.put(e.getKey() + "#V", e.getValue().getV());
        }
        for (Map.Entry<String, INDArray> e : velocity.entrySet()) {
            targets.put(e.getKey() + "#velocity", e.getValue());
        }
        checkSameArrays(state, targets, source);
        targets.forEach((k, t) -> t.assign(state.get(k)));
    }

    /** Fails unless {@code values} has an array of the right shape for every target. */
    static void checkSameArrays(Map<String, INDArray> values, Map<String, INDArray> targets, String source) {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, INDArray> t : targets.entrySet()) {
            INDArray v = values.get(t.getKey());
            if (v == null) {
                missing.add(t.getKey());
            } else if (!Arrays.equals(v.shape(), t.getValue().shape())) {
                throw new HashingException(source + ": array '" + t.getKey() + "' has shape " + Arrays.toString(v.shape())
                        + ", expected " + Arrays.toString(t.getValue().shape()));
            }
        }
        if (!missing.isEmpty()) {
            throw new HashingException(source + ": missing array '" + missing.get(0) + "'"
                    + (missing.size() > 1 ? " and " + (missing.size() - 1) + " more" : ""));
        }
    }
}
