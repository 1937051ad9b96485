package org.hashing4j.models.methods.bdnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hashing4j.core.BinaryCodes;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Helpers shared by the UH-BDNN and SH-BDNN trainers. */
final class BdnnTraining {
    private BdnnTraining() {
    }

    /** Labels for each output layer of {@code graph}, in output order, taken from {@code byOutput} (null if absent). */
    static INDArray[] labelsFor(ComputationGraph graph, Map<String, INDArray> byOutput) {
        List<String> outs = graph.getConfiguration().getNetworkOutputs();
        INDArray[] labels = new INDArray[outs.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = byOutput.get(outs.get(i));
        }
        return labels;
    }

    /** The code layer's output H (m × L) for the given network inputs. */
    static INDArray codeLayer(ComputationGraph graph, INDArray... inputs) {
        INDArray h = graph.feedForward(inputs, false).get(BdnnNetworks.CODE).dup();
        graph.clearLayersStates();
        return h;
    }

    /** Codes of the training items: bit 1 where H ≥ 0. */
    static BinaryCodes signs(INDArray h) {
        return BinaryCodes.fromINDArray(h, false);
    }

    /** ±1 matrix sign(H) with H ≥ 0 → +1, in H's data type. */
    static INDArray signMatrix(INDArray h) {
        return h.gte(0.0).castTo(h.dataType()).muli(2).subi(1);
    }

    /** Copies the parameters of the named layers from one graph to another with the same layer shapes. */
    static void copyLayers(ComputationGraph from, ComputationGraph to, List<String> layers) {
        for (String l : layers) {
            if (!hasLayer(from, l) || !hasLayer(to, l)) {
                continue;
            }
            for (Map.Entry<String, INDArray> p : from.getLayer(l).paramTable().entrySet()) {
                to.getLayer(l).getParam(p.getKey()).assign(p.getValue());
            }
        }
    }

    /** Whether the graph has a vertex of that name (getLayer throws for unknown names). */
    static boolean hasLayer(ComputationGraph graph, String name) {
        return graph.getConfiguration().getVertices().containsKey(name);
    }

    static List<String> encoderLayers() {
        return new ArrayList<>(List.of(BdnnNetworks.H1, BdnnNetworks.H2, BdnnNetworks.CODE));
    }
}
