package org.hashing4j.models.jmlh;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.backbone.MlpBackbone;
import org.hashing4j.models.backbone.SmallCnnBackbone;

/**
 * JMLH's hyper-parameters, read from a {@link MethodConfig}'s parameters (the names below are what
 * an experiment file uses). Defaults follow the paper: Adam, learning rate 1e-3, batch 256, λ = 0.1.
 *
 * @param epochs          passes over the training data (default 10)
 * @param batchSize       mini-batch size (default 256)
 * @param learningRate    Adam learning rate (default 1e-3)
 * @param lambda          weight of KL(Bernoulli(p) ‖ Bernoulli(½)) (default 0.1)
 * @param backbone        "cnn" or "mlp"; default "cnn" for image data, else "mlp"
 * @param hidden          MLP hidden layer sizes (default 1024,512)
 * @param layout          CNN tensor layout, "nhwc" (default) or "nchw"
 * @param validationSize  items held out of training for validation mAP and best-model keeping (default 0: none)
 * @param encodeBatchSize rows per forward pass when encoding (default 1000)
 */
public record JmlhSettings(int epochs, int batchSize, double learningRate, double lambda, String backbone,
        int[] hidden, SmallCnnBackbone.Layout layout, int validationSize, int encodeBatchSize) {

    /** Parameter names an experiment file may set for JMLH. */
    public static final Set<String> KNOWN = Set.of("epochs", "batchSize", "learningRate", "lambda", "backbone",
            "hidden", "layout", "validationSize", "encodeBatchSize");

    public JmlhSettings {
        require(epochs >= 1, "epochs must be >= 1, got " + epochs);
        require(batchSize >= 1, "batchSize must be >= 1, got " + batchSize);
        require(learningRate > 0, "learningRate must be > 0, got " + learningRate);
        require(lambda >= 0, "lambda must be >= 0, got " + lambda);
        require(validationSize >= 0, "validationSize must be >= 0, got " + validationSize);
        require(validationSize != 1, "validationSize must be 0 (none) or >= 2 (queries and database), got 1");
        require(encodeBatchSize >= 1, "encodeBatchSize must be >= 1, got " + encodeBatchSize);
        hidden = hidden.clone();
    }

    /**
     * Reads the settings from {@code config}; unknown parameter names are an error.
     *
     * @param hasImages whether the training data are images (decides the default backbone)
     */
    public static JmlhSettings from(MethodConfig config, boolean hasImages) {
        config.checkKnown("jmlh", KNOWN);
        String backbone = config.getString("backbone", hasImages ? SmallCnnBackbone.NAME : MlpBackbone.NAME)
                .trim().toLowerCase(Locale.ROOT);
        return new JmlhSettings(
                config.getInt("epochs", 10),
                config.getInt("batchSize", 256),
                config.getDouble("learningRate", 1e-3),
                config.getDouble("lambda", 0.1),
                backbone,
                parseSizes(config.getString("hidden", null)),
                SmallCnnBackbone.Layout.parse(config.getString("layout", "nhwc")),
                config.getInt("validationSize", 0),
                config.getInt("encodeBatchSize", 1000));
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** The settings as plain data for provenance and checkpoints. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", epochs);
        m.put("batchSize", batchSize);
        m.put("learningRate", learningRate);
        m.put("lambda", lambda);
        m.put("backbone", backbone);
        // Only the backbone's own options, so that a CNN run does not list MLP sizes and vice versa.
        if (backbone.equals(MlpBackbone.NAME)) {
            m.put("hidden", Arrays.stream(hidden).boxed().toList());
        } else {
            m.put("layout", layout.name().toLowerCase(Locale.ROOT));
        }
        m.put("validationSize", validationSize);
        m.put("encodeBatchSize", encodeBatchSize);
        return m;
    }

    private static int[] parseSizes(String s) {
        if (s == null) {
            return MlpBackbone.DEFAULT_HIDDEN.clone();
        }
        String t = s.trim().replace("[", "").replace("]", "");
        try {
            int[] sizes = Arrays.stream(t.split("[,\\s]+")).filter(x -> !x.isEmpty()).mapToInt(Integer::parseInt).toArray();
            if (sizes.length == 0) {
                throw new NumberFormatException();
            }
            return sizes;
        } catch (NumberFormatException e) {
            throw new HashingException("parameter 'hidden' must be a list of layer sizes such as 1024,512, got '" + s + "'");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new HashingException("jmlh: " + message);
        }
    }
}
