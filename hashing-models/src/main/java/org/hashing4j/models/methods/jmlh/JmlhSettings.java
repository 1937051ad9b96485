package org.hashing4j.models.methods.jmlh;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.nets.MlpBackbone;
import org.hashing4j.models.nets.SmallCnnBackbone;
import org.hashing4j.models.training.DeepSettings;

/**
 * JMLH's hyper-parameters, read from a {@link MethodConfig}'s parameters (the names below are what
 * an experiment file uses). Defaults follow the paper: Adam, learning rate 1e-3, batch 256, λ = 0.1.
 * JMLH also accepts the shared settings of every deep method ({@link DeepSettings}: optimizer,
 * weight_decay, lr_schedule, ...), read by {@link DeepSettings#from} with {@link JmlhMethod}'s defaults;
 * this record keeps the ones its model file records.
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

    /** Parameter names an experiment file may set for JMLH: the shared deep settings and {@code lambda}. */
    public static final Set<String> KNOWN = known();

    private static Set<String> known() {
        Set<String> k = new HashSet<>(DeepSettings.KNOWN);
        k.add(JmlhMethod.LAMBDA.name());
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
        config.checkKnown(JmlhMethod.NAME, KNOWN);
        // The shared settings are read once, by DeepSettings, with JMLH's defaults: nothing to keep in step here.
        DeepSettings d = DeepSettings.from(JmlhMethod.NAME, config, JmlhMethod.DEFAULTS, hasImages);
        return new JmlhSettings(d.epochs(), d.batchSize(), d.learningRate(), JmlhMethod.LAMBDA.read(JmlhMethod.NAME, config),
                d.backbone(), d.hidden(), d.layout(), d.validationSize(), d.encodeBatchSize());
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

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new HashingException("jmlh: " + message);
        }
    }
}
