package org.hashing4j.models.methods.bdnn;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hashing4j.models.layers.BalanceLoss;
import org.hashing4j.models.layers.BinaryLayer;
import org.hashing4j.models.layers.EqualityLoss;
import org.hashing4j.models.layers.IndependenceLoss;
import org.hashing4j.models.layers.PairwiseSimilarityLoss;
import org.hashing4j.models.layers.ReconstructionLoss;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * The BDNN networks as DL4J configurations built from the hashing layers.
 *
 * <p>Training graphs (ComputationGraph, full batch): input "x" → "h1" (sigmoid) → "h2" (sigmoid) →
 * "code" (linear) = H, with one output layer per term of the objective:
 * <ul>
 *   <li>UH-BDNN: "equality" (labels B), "independence", "balance" on H, and "reconstruction" from
 *       the second input "b" = B with labels X — the reconstruction uses B, not H, so the decoder
 *       (W4, c4) and the encoder meet only through B.</li>
 *   <li>UH-BDNN relaxed (ablation): no B; "reconstruction" from H; independence and balance on H.</li>
 *   <li>SH-BDNN: "pairwise" (labels: the label matrix Y), "equality", "independence", "balance".</li>
 * </ul>
 * Terms with weight 0 (or switched off for an ablation) are left out of the graph. The encoder used
 * at test time is a MultiLayerNetwork h1 → h2 → code → {@link BinaryLayer}.
 */
final class BdnnNetworks {
    static final String X = "x";
    static final String B = "b";
    static final String H1 = "h1";
    static final String H2 = "h2";
    static final String CODE = "code";
    static final String EQUALITY = "equality";
    static final String INDEPENDENCE = "independence";
    static final String BALANCE = "balance";
    static final String RECONSTRUCTION = "reconstruction";
    static final String PAIRWISE = "pairwise";
    /** Weight parameters that weight decay λ1 applies to (biases are not decayed). */
    static final List<String> WEIGHT_LAYERS = List.of(H1, H2, CODE, RECONSTRUCTION);

    private BdnnNetworks() {
    }

    private static ComputationGraphConfiguration.GraphBuilder encoderPart(int inputDim, BdnnSettings s, boolean withB) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(s.seed)
                .dataType(s.dataType)
                .updater(new NoOp())
                .weightInit(WeightInit.XAVIER)
                .graphBuilder();
        if (withB) {
            g.addInputs(X, B).setInputTypes(InputType.feedForward(inputDim), InputType.feedForward(s.bits));
        } else {
            g.addInputs(X).setInputTypes(InputType.feedForward(inputDim));
        }
        return g.addLayer(H1, new DenseLayer.Builder().nOut(s.hidden1).activation(Activation.SIGMOID).build(), X)
                .addLayer(H2, new DenseLayer.Builder().nOut(s.hidden2).activation(Activation.SIGMOID).build(), H1)
                .addLayer(CODE, new DenseLayer.Builder().nOut(s.bits).activation(Activation.IDENTITY).build(), H2);
    }

    /** Adds the code-regularising terms the settings switch on; returns their output names. */
    private static List<String> codeTerms(ComputationGraphConfiguration.GraphBuilder g, BdnnSettings s, boolean equality) {
        List<String> outs = new ArrayList<>();
        if (equality && s.lambda2 > 0) {
            g.addLayer(EQUALITY, new EqualityLoss(s.lambda2), CODE);
            outs.add(EQUALITY);
        }
        if (s.independenceTerm && s.lambda3 > 0) {
            g.addLayer(INDEPENDENCE, new IndependenceLoss(s.lambda3), CODE);
            outs.add(INDEPENDENCE);
        }
        if (s.balanceTerm && s.lambda4 > 0) {
            g.addLayer(BALANCE, new BalanceLoss(s.lambda4), CODE);
            outs.add(BALANCE);
        }
        return outs;
    }

    /** UH-BDNN's training graph (inputs x, b). */
    static ComputationGraph unsupervised(int inputDim, BdnnSettings s) {
        ComputationGraphConfiguration.GraphBuilder g = encoderPart(inputDim, s, true);
        List<String> outs = codeTerms(g, s, true);
        g.addLayer(RECONSTRUCTION, new ReconstructionLoss(inputDim, 1.0), B);
        outs.add(RECONSTRUCTION);
        return build(g, outs);
    }

    /** The relaxed ablation of UH-BDNN (input x only; reconstruction from H, no B, no equality term). */
    static ComputationGraph relaxed(int inputDim, BdnnSettings s) {
        ComputationGraphConfiguration.GraphBuilder g = encoderPart(inputDim, s, false);
        List<String> outs = codeTerms(g, s, false);
        g.addLayer(RECONSTRUCTION, new ReconstructionLoss(inputDim, 1.0), CODE);
        outs.add(RECONSTRUCTION);
        return build(g, outs);
    }

    /** SH-BDNN's training graph (input x; labels Y for the pairwise term, B for equality). */
    static ComputationGraph supervised(int inputDim, BdnnSettings s) {
        ComputationGraphConfiguration.GraphBuilder g = encoderPart(inputDim, s, false);
        g.addLayer(PAIRWISE, new PairwiseSimilarityLoss(s.lambda5,
                s.explicitPairwise ? PairwiseSimilarityLoss.Mode.EXPLICIT : PairwiseSimilarityLoss.Mode.FACTORED), CODE);
        List<String> outs = new ArrayList<>();
        outs.add(PAIRWISE);
        outs.addAll(codeTerms(g, s, true));
        return build(g, outs);
    }

    private static ComputationGraph build(ComputationGraphConfiguration.GraphBuilder g, List<String> outputs) {
        g.setOutputs(outputs.toArray(new String[0]));
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    /** The test-time encoder x → h1 → h2 → code → sign, with the parameters of {@code trained}. */
    static MultiLayerNetwork encoder(int inputDim, BdnnSettings s, ComputationGraph trained) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(s.seed)
                .dataType(DataType.FLOAT)
                .updater(new NoOp())
                .list()
                .layer(new DenseLayer.Builder().nOut(s.hidden1).activation(Activation.SIGMOID).build())
                .layer(new DenseLayer.Builder().nOut(s.hidden2).activation(Activation.SIGMOID).build())
                .layer(new DenseLayer.Builder().nOut(s.bits).activation(Activation.IDENTITY).build())
                .layer(new BinaryLayer())
                .setInputType(InputType.feedForward(inputDim))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        String[] names = {H1, H2, CODE};
        for (int l = 0; l < names.length; l++) {
            for (String p : new String[] {"W", "b"}) {
                net.getLayer(l).getParam(p).assign(trained.getLayer(names[l]).getParam(p).castTo(DataType.FLOAT));
            }
        }
        return net;
    }
}
