package org.hashing4j.models.nets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.hashing4j.core.HashingException;

/**
 * Loads a user's network file as a {@link NetworkBackbone} ({@code --backbone-file}): a DL4J model zip
 * (MultiLayerNetwork or ComputationGraph, as written by {@code ModelSerializer}) or a Keras
 * {@code .h5} model (through DL4J's {@code KerasModelImport}). The kind is told by the file's
 * content, not its name. A MultiLayerNetwork becomes a ComputationGraph whose vertices carry the
 * layers' own names, so the user can pick the feature layer by the name they gave it.
 */
public final class BackboneFiles {
    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private BackboneFiles() {
    }

    /**
     * Loads {@code file}. {@code normalization} says how the network's weights expect their pixels
     * (null: {@link InputNormalization#NONE}, i.e. [0,1]); the input size is read from the network's
     * configuration when it records one.
     */
    public static NetworkBackbone load(Path file, InputNormalization normalization) {
        if (!Files.isRegularFile(file)) {
            throw new HashingException(file + ": no such backbone file");
        }
        byte[] head = new byte[8];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, head.length);
            if (n < 4) {
                throw new HashingException(file + ": not a DL4J model zip or a Keras .h5 file (only " + n + " bytes)");
            }
        } catch (IOException e) {
            throw new HashingException(file + ": cannot read backbone file (" + e.getMessage() + ")", e);
        }
        InputNormalization norm = normalization == null ? InputNormalization.NONE : normalization;
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("kind", "file");
        prov.put("file", file.toAbsolutePath().toString());
        String hash = sha256(file);
        prov.put("sha256", hash);
        ComputationGraph graph;
        if (head[0] == 'P' && head[1] == 'K') {
            graph = loadDl4jZip(file, prov);
        } else if (java.util.Arrays.equals(head, HDF5_MAGIC)) {
            graph = loadKeras(file, prov);
        } else {
            throw new HashingException(file + ": not a DL4J model zip or a Keras .h5 file (unrecognised content)");
        }
        int[] shape = NetworkBackbone.declaredInputShape(graph.getConfiguration());
        int[] fromPreprocessor = (int[]) prov.remove("input_shape_from_preprocessor");
        int[] keras = (int[]) prov.remove("keras_batch_input_shape");
        if (shape == null) {
            shape = fromPreprocessor;
        }
        NetworkBackbone b = new NetworkBackbone(graph, file.getFileName().toString(),
                "file:" + file.toAbsolutePath() + "#sha256=" + hash, shape, norm, prov);
        if (shape == null && keras != null && keras[0] > 0 && keras[1] > 0 && keras[2] > 0) {
            // Keras records (height, width, channels) for channels_last models, (channels, height, width) otherwise.
            b = b.withInputShape(b.channelsLast() ? new int[] {keras[2], keras[0], keras[1]} : keras);
        }
        return b;
    }

    private static ComputationGraph loadDl4jZip(Path file, Map<String, Object> prov) {
        String config;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry e = zip.getEntry("configuration.json");
            if (e == null) {
                throw new HashingException(file + ": zip file is not a DL4J model (no configuration.json"
                        + (zip.getEntry("model.json") != null ? "; it looks like a hashing4j model file, load it with --model" : "")
                        + ")");
            }
            try (InputStream in = zip.getInputStream(e)) {
                config = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new HashingException(file + ": cannot read DL4J model zip (" + e.getMessage() + ")", e);
        }
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(config);
        } catch (IOException e) {
            throw new HashingException(file + ": configuration.json in the model zip is not valid JSON", e);
        }
        try {
            if (json.has("vertices")) {
                prov.put("format", "dl4j-computation-graph");
                return ModelSerializer.restoreComputationGraph(file.toFile(), false);
            }
            if (json.has("confs")) {
                prov.put("format", "dl4j-multi-layer-network");
                MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
                prov.put("input_shape_from_preprocessor", inputShapeFromPreprocessor(net.getLayerWiseConfigurations()));
                return toNamedGraph(net);
            }
        } catch (IOException | RuntimeException e) {
            throw new HashingException(file + ": cannot restore the DL4J model (" + e.getMessage() + ")", e);
        }
        throw new HashingException(file + ": configuration.json is neither a MultiLayerNetwork nor a ComputationGraph configuration");
    }

    private static ComputationGraph loadKeras(Path file, Map<String, Object> prov) {
        String path = file.toAbsolutePath().toString();
        String modelClass;
        try (Hdf5Archive archive = new Hdf5Archive(path)) {
            if (!archive.hasAttribute("model_config")) {
                throw new HashingException(file + ": the Keras file holds weights only (no model_config); save the whole "
                        + "model with model.save(...) in Keras");
            }
            JsonNode config = new ObjectMapper().readTree(archive.readAttributeAsJson("model_config"));
            modelClass = config.path("class_name").asText();
            JsonNode batchShape = config.findValue("batch_input_shape");
            if (batchShape != null && batchShape.isArray() && batchShape.size() == 4) {
                prov.put("keras_batch_input_shape", new int[] {batchShape.get(1).asInt(), batchShape.get(2).asInt(),
                    batchShape.get(3).asInt()});
            }
        } catch (IOException | RuntimeException
                 | org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException e) {
            if (e instanceof HashingException) {
                throw (HashingException) e;
            }
            throw new HashingException(file + ": cannot read the Keras model configuration (" + oneLine(e) + ")", e);
        }
        try {
            if ("Sequential".equals(modelClass)) {
                MultiLayerNetwork net = KerasModelImport.importKerasSequentialModelAndWeights(path, false);
                prov.put("format", "keras-h5-sequential");
                prov.put("input_shape_from_preprocessor", inputShapeFromPreprocessor(net.getLayerWiseConfigurations()));
                return toNamedGraph(net);
            }
            prov.put("format", "keras-h5-functional");
            return KerasModelImport.importKerasModelAndWeights(path, false);
        } catch (IOException | RuntimeException
                 | org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException
                 | org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException e) {
            throw new HashingException(file + ": cannot import the Keras model (" + oneLine(e) + ")", e);
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static int[] inputShapeFromPreprocessor(MultiLayerConfiguration conf) {
        InputPreProcessor p = conf.getInputPreProcess(0);
        if (p instanceof FeedForwardToCnnPreProcessor) {
            FeedForwardToCnnPreProcessor f = (FeedForwardToCnnPreProcessor) p;
            return new int[] {(int) f.getNumChannels(), (int) f.getInputHeight(), (int) f.getInputWidth()};
        }
        return null;
    }

    /**
     * A ComputationGraph equivalent to {@code net} (same layers, preprocessors and parameters) whose
     * vertices are named after the layers (DL4J's own {@code toComputationGraph} numbers them).
     * Unnamed or repeated names get {@code layer<i>}.
     */
    public static ComputationGraph toNamedGraph(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations().clone();
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder()
                .dataType(conf.getDataType())
                .trainingWorkspaceMode(conf.getTrainingWorkspaceMode())
                .inferenceWorkspaceMode(conf.getInferenceWorkspaceMode())
                .cacheMode(conf.getCacheMode())
                .graphBuilder()
                .addInputs("input");
        Set<String> used = new HashSet<>();
        used.add("input");
        String previous = "input";
        for (int i = 0; i < conf.getConfs().size(); i++) {
            Layer layer = conf.getConf(i).getLayer();
            String name = layer.getLayerName();
            if (name == null || name.isBlank() || used.contains(name)) {
                name = "layer" + i;
            }
            used.add(name);
            b.addLayer(name, layer, conf.getInputPreProcess(i), previous);
            previous = name;
        }
        b.setOutputs(previous);
        b.backpropType(conf.getBackpropType()).tBPTTForwardLength(conf.getTbpttFwdLength())
                .tBPTTBackwardLength(conf.getTbpttBackLength());
        ComputationGraph graph = new ComputationGraph(b.build());
        // A chain's parameters are laid out layer after layer in both network types, so the flat vector carries over.
        graph.init(net.params().dup(), false);
        return graph;
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchFileException e) {
            throw new HashingException(file + ": no such backbone file");
        } catch (IOException e) {
            throw new HashingException(file + ": cannot read backbone file (" + e.getMessage() + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
