package org.hashing4j.models.methods.jmlh;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.nets.MlpBackbone;
import org.hashing4j.models.nets.SmallCnnBackbone;

/**
 * JMLH's hyper-parameters, read from a {@link MethodConfig}'s parameters (the names below are what
 * an experiment file uses). Defaults follow the paper: Adam, learning rate 1e-3, batch 256, λ = 0.1.
 * JMLH also accepts the shared settings of every deep method ({@code training.DeepSettings}:
 * optimizer, weight_decay, lr_schedule, ...); this record keeps the ones its model file records.
 *
 * @param epochs          passes over the training data (default 10)
 * @param batchSize       {@code batch_size}: mini-batch size (default 256)
 * @param learningRate    {@code learning_rate}: Adam learning rate (default 1e-3)
 * @param lambda          weight of KL(Bernoulli(p) ‖ Bernoulli(½)) (default 0.1)
 * @param backbone        "cnn" or "mlp"; default "cnn" for image data, else "mlp"
 * @param hidden          MLP hidden layer sizes (default 1024,512)
 * @param layout          CNN tensor layout, "nhwc" (default) or "nchw"
 * @param validationSize  {@code validation_size}: items held out of training for validation mAP and best-model keeping (default 0: none)
 * @param encodeBatchSize {@code encode_batch_size}: rows per forward pass when encoding (default 1000)
 */
public record JmlhSettings(int epochs, int batchSize, double learningRate, double lambda, String backbone,
        int[] hidden, SmallCnnBackbone.Layout layout, int validationSize, int encodeBatchSize) {

    /** Parameter names an experiment file may set for JMLH. */
    public static final Set<String> KNOWN = known();

    private static Set<String> known() {
        // The shared deep-training settings (optimiser, schedules, ...) apply to JMLH as to every deep method.
        java.util.Set<String> k = new java.util.HashSet<>(org.hashing4j.models.training.DeepSettings.KNOWN);
        k.add("lambda");
        return Set.copyOf(k);
    }

    public JmlhSettings {
        require(epochs >= 1, "epochs must be >= 1, got " + epochs);
        require(batchSize >= 1, "batch_size must be >= 1, got " + batchSize);
        require(learningRate > 0, "learning_rate must be > 0, got " + learningRate);
        require(lambda >= 0, "lambda must be >= 0, got " + lambda);
        require(validationSize >= 0, "validation_size must be >= 0, got " + validationSize);
        require(validationSize != 1, "validation_size must be 0 (none) or >= 2 (queries and database), got 1");
        require(encodeBatchSize >= 1, "encode_batch_size must be >= 1, got " + encodeBatchSize);
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
                config.getInt("batch_size", 256),
                config.getDouble("learning_rate", 1e-3),
                config.getDouble("lambda", 0.1),
                backbone,
                parseSizes(config.getString("hidden", null)),
                SmallCnnBackbone.Layout.parse(config.getString("layout", "nhwc")),
                config.getInt("validation_size", 0),
                config.getInt("encode_batch_size", 1000));
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** The settings as plain data for provenance and checkpoints. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("learning_rate", learningRate);
        m.put("lambda", lambda);
        m.put("backbone", backbone);
        // Only the backbone's own options, so that a CNN run does not list MLP sizes and vice versa.
        if (backbone.equals(MlpBackbone.NAME)) {
            m.put("hidden", Arrays.stream(hidden).boxed().toList());
        } else {
            m.put("layout", layout.name().toLowerCase(Locale.ROOT));
        }
        m.put("validation_size", validationSize);
        m.put("encode_batch_size", encodeBatchSize);
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
