package org.hashing4j.models.methods.finetune;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The hashing part of a fine-tuned network: layers added on top of a backbone's feature layer that
 * produce the code and the training loss (e.g. JMLH's stochastic binary neuron with its KL term and
 * classifier, SH-BDNN's code layer with its pairwise loss, DLBHC's sigmoid latent layer with a
 * classifier). A head is a recipe: {@link #attach} adds its layers to a DL4J transfer-learning graph
 * and says which vertex holds the code. Training labels reach the head's output layers as the
 * batches' one-hot (or multi-hot) label rows; a head with several output (loss) layers gets them
 * at each, except at outputs that ask for the batch's current codes as targets and at SameDiff
 * output layers that need no labels; the network's score is the sum of the outputs' losses.
 *
 * <p>Heads are listed in {@link HashingHeads}, one line each.
 */
public interface HashingHead {
    /** Name users type ("dlbhc", "jmlh", "sh-bdnn"). */
    String name();

    /** Name in reports ("DLBHC", "JMLH"). */
    String displayName();

    /** Hyper-parameters this head reads from {@link Context#params()} (for misspelling checks). */
    default Set<String> parameterNames() {
        return Set.of();
    }

    /**
     * Adds the head's layers on top of vertex {@code input}, whose activations are vectors of
     * {@code nIn} features, and returns what the fine-tuner needs to know about them. Layers must set
     * their own updater ({@link Context#updater()}): the graph's default updater is the backbone's.
     */
    Attachment attach(TransferLearning.GraphBuilder graph, String input, long nIn, Context context);

    /**
     * What a head is built for.
     *
     * @param bits       code length
     * @param numClasses label columns of the training batches
     * @param multiLabel whether an item may have several labels
     * @param updater    optimiser (with learning rate) for the head's layers
     * @param seed       seed for the head's own random choices
     * @param params     head hyper-parameters (e.g. JMLH's KL weight)
     */
    record Context(int bits, int numClasses, boolean multiLabel, IUpdater updater, long seed, Map<String, Object> params) {
    }

    /**
     * The head as attached.
     *
     * @param codeVertex        vertex whose activations (n × bits) give the codes
     * @param threshold         bit j is 1 when activation j ≥ threshold (0.5 for sigmoid codes, 0 for signs)
     * @param outputs           the network outputs (the layers that carry the training loss)
     * @param codeTargetOutputs outputs whose labels are the batch's current binary codes as ±1 (the
     *                          code vertex's activations thresholded before the step, BDNN's B = sign(H))
     *                          instead of the class label rows
     */
    record Attachment(String codeVertex, double threshold, List<String> outputs, Set<String> codeTargetOutputs) {
        public Attachment {
            outputs = List.copyOf(outputs);
            codeTargetOutputs = Set.copyOf(codeTargetOutputs);
        }

        /** An attachment whose outputs all take the class label rows. */
        public Attachment(String codeVertex, double threshold, List<String> outputs) {
            this(codeVertex, threshold, outputs, Set.of());
        }
    }
}
