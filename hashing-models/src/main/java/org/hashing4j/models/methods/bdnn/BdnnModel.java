package org.hashing4j.models.methods.bdnn;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.ModelArchive;
import org.hashing4j.models.ModelProvenance;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.MethodSupport;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained BDNN hash function (UH-BDNN or SH-BDNN): BDNN's pre-processing ({@link MinRangeScaler})
 * followed by the encoder network x → h1 → h2 → code → {@code BinaryLayer}; a bit is 1 where the
 * code layer's output is ≥ 0. Saved as the DL4J network zip ({@code encoder.zip}, which includes
 * the network's JSON configuration) plus the pre-processing vectors.
 */
public final class BdnnModel implements TrainedModel {
    private static final int BLOCK = 8192;
    private final String method;
    private final MinRangeScaler scaler;
    private final MultiLayerNetwork encoder;
    private final int bits;
    private final ModelProvenance provenance;

    BdnnModel(String method, MinRangeScaler scaler, MultiLayerNetwork encoder, int bits, ModelProvenance provenance) {
        this.method = method;
        this.scaler = scaler;
        this.encoder = encoder;
        this.bits = bits;
        this.provenance = provenance;
    }

    @Override
    public int bits() {
        return bits;
    }

    @Override
    public int inputDimension() {
        return scaler.dimension();
    }

    @Override
    public String method() {
        return method;
    }

    /** Null only for the intermediate models handed to a round observer during training. */
    @Override
    public ModelProvenance modelProvenance() {
        return provenance;
    }

    /** The encoder network (read-only use: its output is the ±1 codes). */
    public MultiLayerNetwork encoder() {
        return encoder;
    }

    /** The real-valued code-layer outputs H (n × L) before binarisation. */
    public synchronized float[][] codeLayerOutputs(float[][] features) {
        checkInput(features);
        INDArray x = scaler.apply(features, DataType.FLOAT);
        INDArray h = encoder.feedForwardToLayer(2, x, false).get(3);
        return h.toFloatMatrix();
    }

    @Override
    public synchronized BinaryCodes encode(float[][] features) {
        checkInput(features);
        if (features.length == 0) {
            return BinaryCodes.fromWords(0, bits, new long[0]);
        }
        BinaryCodes out = null;
        for (int from = 0; from < features.length; from += BLOCK) {
            int to = Math.min(features.length, from + BLOCK);
            INDArray signs = encoder.output(scaler.apply(Arrays.copyOfRange(features, from, to), DataType.FLOAT), false);
            BinaryCodes part = BinaryCodes.fromINDArray(signs, false);
            out = out == null ? part : out.concat(part);
        }
        return out;
    }

    @Override
    public void save(ModelArchive.Writer archive) throws IOException {
        archive.put("encoder.zip", out -> ModelSerializer.writeModel(encoder, out, false));
        scaler.save(archive);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("method", method);
        info.put("bits", bits);
        archive.putJson("bdnn.json", info);
    }

    /** Reads a model written by {@link #save}; {@code method} is the expected method name. */
    static BdnnModel load(ModelArchive.Reader archive, String method) throws IOException {
        MultiLayerNetwork encoder = ModelSerializer.restoreMultiLayerNetwork(archive.stream("encoder.zip"), false);
        MinRangeScaler scaler = MinRangeScaler.load(archive);
        int bits = archive.json("bdnn.json").path("bits").asInt(-1);
        long outWidth = encoder.getLayer(encoder.getnLayers() - 2).getParam("W").columns();
        if (bits < 1 || outWidth != bits) {
            throw new HashingException(archive.source() + ": BDNN model says " + bits + " bits but its code layer has "
                    + outWidth + " units");
        }
        long inWidth = encoder.getLayer(0).getParam("W").rows();
        if (inWidth != scaler.dimension()) {
            throw new HashingException(archive.source() + ": BDNN encoder expects " + inWidth
                    + " inputs but the pre-processing has " + scaler.dimension());
        }
        return new BdnnModel(method, scaler, encoder, bits, archive.provenance());
    }
}
