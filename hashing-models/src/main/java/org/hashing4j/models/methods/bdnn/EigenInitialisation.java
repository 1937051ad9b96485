package org.hashing4j.models.methods.bdnn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hashing4j.models.linalg.SymmetricEigen;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * BDNN's initialisation of the encoder, layer by layer: a layer's weight matrix takes the top
 * eigenvectors of its input's second-moment matrix (1/m)·AᵀA (A = X for the first layer, then the
 * previous layer's activations), its bias starts at 0. Columns beyond the number of eigenvectors
 * (a layer wider than its input) keep DL4J's Xavier initialisation.
 */
final class EigenInitialisation {
    private EigenInitialisation() {
    }

    /** Initialises h1, h2 and code of {@code graph} from {@code x} (m × D). */
    static void initialise(ComputationGraph graph, INDArray x) {
        INDArray a = x.castTo(DataType.DOUBLE);
        String[] layers = {BdnnNetworks.H1, BdnnNetworks.H2, BdnnNetworks.CODE};
        for (int l = 0; l < layers.length; l++) {
            Layer layer = graph.getLayer(layers[l]);
            INDArray w = layer.getParam("W"); // nIn × nOut
            int nIn = (int) w.rows();
            int nOut = (int) w.columns();
            INDArray second = a.transpose().mmul(a).divi(a.rows());
            int k = Math.min(nIn, nOut);
            INDArray top = SymmetricEigen.of(second).topVectors(k);
            w.get(NDArrayIndex.all(), NDArrayIndex.interval(0, k)).assign(top.castTo(w.dataType()));
            layer.getParam("b").assign(0);
            if (l + 1 < layers.length) {
                a = Transforms.sigmoid(a.mmul(w.castTo(DataType.DOUBLE)), false);
            }
        }
    }
}
