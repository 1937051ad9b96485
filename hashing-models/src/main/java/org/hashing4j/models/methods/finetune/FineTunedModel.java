package org.hashing4j.models.methods.finetune;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.ModelArchive;
import org.hashing4j.models.ImageEncoder;
import org.hashing4j.models.ModelProvenance;
import org.hashing4j.models.layers.JmlhOutputLayer;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.datasets.image.ImageList;
import org.hashing4j.models.encode.CollectionEncoder;
import org.hashing4j.models.nets.ImageBatches;
import org.hashing4j.models.nets.ImageInput;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A backbone with a hashing head, trained end to end (or head only) by {@link FineTuner}: one DL4J
 * network from pixels to codes, plus the input conventions it was trained with. Encodes images
 * given as rows of {c,h,w} pixels in [0,1] (the image shape of the training rows, resized to the
 * network's input size on the fly) or as batches from an image iterator.
 *
 * <p>Model file entries: {@code network.zip} (the DL4J ComputationGraph, without updater state) and
 * {@code finetune.json} (code vertex, threshold, image shapes, input normalisation, head, backbone
 * and settings). Reloading gives identical codes.
 */
public final class FineTunedModel implements ImageEncoder {
    /** The method name under which these models are saved and loaded (see {@link FineTuneMethod}). */
    public static final String METHOD = "finetune";
    static final String NETWORK_ENTRY = "network.zip";
    static final String SETTINGS_ENTRY = "finetune.json";
    private static final int ENCODE_BATCH = 64;

    private final ComputationGraph network;
    private final String codeVertex;
    private final double threshold;
    private final int bits;
    private final int[] imageShape;
    private final ImageInput input;
    private final ModelProvenance provenance;
    private final List<Double> losses;

    /**
     * @param network    the whole network
     * @param codeVertex vertex whose activations are thresholded into codes
     * @param threshold  activation ≥ threshold gives bit 1
     * @param bits       code length
     * @param imageShape {c,h,w} of the image rows {@link #encode(float[][])} takes
     * @param input      the network's input conventions (size, normalisation, layout)
     * @param provenance how the model was made
     * @param losses     training loss per iteration (may be empty)
     */
    public FineTunedModel(ComputationGraph network, String codeVertex, double threshold, int bits, int[] imageShape,
            ImageInput input, ModelProvenance provenance, List<Double> losses) {
        this.network = network;
        this.codeVertex = codeVertex;
        this.threshold = threshold;
        this.bits = bits;
        this.imageShape = imageShape.clone();
        this.input = input;
        this.provenance = provenance;
        this.losses = List.copyOf(losses);
    }

    /** The trained network (for further training or inspection). */
    public ComputationGraph network() {
        return network;
    }

    public String codeVertex() {
        return codeVertex;
    }

    /** Image shape {c,h,w} of the rows {@link #encode(float[][])} takes. */
    public int[] imageShape() {
        return imageShape.clone();
    }

    public ImageInput imageInput() {
        return input;
    }

    /** Training loss after each iteration, in order. */
    public List<Double> trainingLosses() {
        return losses;
    }

    @Override
    public int bits() {
        return bits;
    }

    @Override
    public int inputDimension() {
        return imageShape[0] * imageShape[1] * imageShape[2];
    }

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public ModelProvenance modelProvenance() {
        return provenance;
    }

    @Override
    public BinaryCodes encode(float[][] images) {
        checkInput(images);
        List<BinaryCodes> parts = new ArrayList<>();
        for (int from = 0; from < images.length; from += ENCODE_BATCH) {
            int to = Math.min(images.length, from + ENCODE_BATCH);
            parts.add(encodeBatch(ImageBatches.fromRows(images, from, to, imageShape)));
        }
        return concat(parts);
    }

    /**
     * Codes of image files (e.g. a streamed query or database set), decoded on two threads with the
     * preprocessing the model's input specification records — the one path that `hashing encode`,
     * `search --image`, the server and Spark use, so every route gives an image the same code.
     */
    @Override
    public BinaryCodes encode(ImageList images, int batchSize) {
        return CollectionEncoder.codes(this, images, batchSize);
    }

    /** Codes of every image {@code images} gives (from its current position). */
    public BinaryCodes encode(DataSetIterator images) {
        List<BinaryCodes> parts = new ArrayList<>();
        while (images.hasNext()) {
            DataSet ds = images.next();
            parts.add(encodeBatch(ds.getFeatures()));
        }
        if (parts.isEmpty()) {
            throw new HashingException("no images to encode");
        }
        return concat(parts);
    }

    /** Codes of one NCHW batch of [0,1] pixels. */
    public BinaryCodes encodeBatch(INDArray nchw) {
        INDArray act = codeActivations(nchw);
        float[][] a = act.castTo(DataType.FLOAT).toFloatMatrix();
        boolean[][] b = new boolean[a.length][bits];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < bits; j++) {
                if (!Float.isFinite(a[i][j])) {
                    // A NaN would silently become bit 0; a model giving such values is broken, say so.
                    throw new HashingException("code layer " + codeVertex + " gives a non-finite value (" + a[i][j]
                            + ") for image " + i + " of the batch, bit " + j);
                }
                b[i][j] = a[i][j] >= threshold;
            }
        }
        return BinaryCodes.fromBooleans(b);
    }

    /** The real-valued code-layer activations (n × bits) of one batch, before thresholding. */
    public INDArray codeActivations(INDArray nchw) {
        INDArray act = network.output(List.of(codeVertex), false, new INDArray[] {input.prepare(nchw)}, null)[0];
        if (act.rank() != 2 || act.size(1) != bits) {
            throw new HashingException("code vertex " + codeVertex + " gives shape " + Arrays.toString(act.shape())
                    + ", expected n x " + bits);
        }
        return act;
    }

    private static BinaryCodes concat(List<BinaryCodes> parts) {
        BinaryCodes all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            all = all.concat(parts.get(i));
        }
        return all;
    }

    @Override
    public void save(ModelArchive.Writer archive) throws IOException {
        archive.put(NETWORK_ENTRY, out -> ModelSerializer.writeModel(network, out, false));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("code_vertex", codeVertex);
        s.put("threshold", threshold);
        s.put("bits", bits);
        s.put("image_shape", Arrays.stream(imageShape).boxed().toList());
        s.put("input", input.toMap());
        s.put("losses", losses);
        archive.putJson(SETTINGS_ENTRY, s);
    }

    /**
     * The typed provenance; version 0.1 kept the untyped map in this model's own settings entry
     * (the manifest's copy had the same keys), so that is read when the manifest's is the old kind.
     */
    private static ModelProvenance provenance(ModelArchive.Reader archive, Map<String, Object> settings) {
        ModelProvenance p = archive.provenance();
        if (p.software().version() == null && settings.get("image_shape") instanceof List<?> shape && !p.input().isImage()) {
            int[] s = shape.stream().mapToInt(o -> ((Number) o).intValue()).toArray();
            p = p.withInput(new ModelProvenance.InputSpec(s, Math.max(s[1], s[2]) <= ModelProvenance.InputSpec.SMALL_IMAGE
                    ? ModelProvenance.InputSpec.RESIZE_EXACT : ModelProvenance.InputSpec.RESIZE_SHORTER_SIDE_CENTRE_CROP,
                    null, null, null));
        }
        return p;
    }

    /** Where version 0.1 kept the JMLH output layer; DL4J's JSON configuration names the class. */
    private static final String OLD_JMLH_LAYER = "org.hashing4j.models.backbone.finetune.JmlhOutputLayer";

    /**
     * The DL4J network zip with class names of earlier layouts replaced by today's, so that model
     * files of version 0.1 keep loading (DL4J resolves layer classes by their names in the JSON).
     */
    static byte[] withCurrentClassNames(byte[] networkZip, String source) {
        Map<String, byte[]> entries = ModelArchive.unzip(new java.io.ByteArrayInputStream(networkZip), source);
        boolean changed = false;
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            if (e.getKey().endsWith(".json")) {
                String json = new String(e.getValue(), java.nio.charset.StandardCharsets.UTF_8);
                if (json.contains(OLD_JMLH_LAYER)) {
                    e.setValue(json.replace(OLD_JMLH_LAYER, JmlhOutputLayer.class.getName())
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    changed = true;
                }
            }
        }
        return changed ? ModelArchive.zip(entries) : networkZip;
    }

    /** Reads a model {@link #save} wrote. */
    @SuppressWarnings("unchecked")
    public static FineTunedModel read(ModelArchive.Reader archive) throws IOException {
        Map<String, Object> s = new ObjectMapper().convertValue(archive.json(SETTINGS_ENTRY), Map.class);
        ComputationGraph net;
        try {
            net = ModelSerializer.restoreComputationGraph(new java.io.ByteArrayInputStream(
                    withCurrentClassNames(archive.bytes(NETWORK_ENTRY), archive.source())), false);
        } catch (RuntimeException e) {
            throw new HashingException(archive.source() + ": cannot restore the network (" + e.getMessage() + ")", e);
        }
        try {
            int[] shape = ((List<Number>) s.get("image_shape")).stream().mapToInt(Number::intValue).toArray();
            List<Double> losses = new ArrayList<>();
            for (Object o : (List<Object>) s.getOrDefault("losses", List.of())) {
                losses.add(((Number) o).doubleValue());
            }
            return new FineTunedModel(net, (String) s.get("code_vertex"), ((Number) s.get("threshold")).doubleValue(),
                    ((Number) s.get("bits")).intValue(), shape, ImageInput.fromMap((Map<?, ?>) s.get("input")),
                    provenance(archive, s), losses);
        } catch (ClassCastException | NullPointerException e) {
            throw new HashingException(archive.source() + ": malformed " + SETTINGS_ENTRY + " (" + e + ")", e);
        }
    }
}
