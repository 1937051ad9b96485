package org.hashing4j.models.methods.finetune;

import java.util.List;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The latent-layer head of Lin et al., "Deep Learning of Binary Hash Codes for Fast Image Retrieval"
 * (CVPR workshops 2015, DLBHC): a fully connected layer of {@code bits} sigmoid units between the
 * features and a classifier, trained with the classification loss only; an image's code is its
 * latent activations thresholded at 0.5. Softmax cross-entropy for single-label data, per-class
 * sigmoid cross-entropy for multi-label data. The simplest supervised head, and the one the other
 * heads are compared with.
 */
public final class DlbhcHead implements HashingHead {
    /** Vertex names this head adds. */
    public static final String CODE = "hash_code";
    public static final String CLASSIFIER = "hash_classifier";

    @Override
    public String name() {
        return "dlbhc";
    }

    @Override
    public String displayName() {
        return "DLBHC";
    }

    @Override
    public Attachment attach(TransferLearning.GraphBuilder graph, String input, long nIn, Context c) {
        graph.addLayer(CODE, new DenseLayer.Builder().nIn(nIn).nOut(c.bits()).activation(Activation.SIGMOID)
                .weightInit(WeightInit.XAVIER).updater(c.updater()).build(), input);
        graph.addLayer(CLASSIFIER, new OutputLayer.Builder(c.multiLabel() ? LossFunctions.LossFunction.XENT
                        : LossFunctions.LossFunction.MCXENT)
                .nIn(c.bits()).nOut(c.numClasses())
                .activation(c.multiLabel() ? Activation.SIGMOID : Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER).updater(c.updater()).build(), CODE);
        return new Attachment(CODE, 0.5, List.of(CLASSIFIER));
    }
}
