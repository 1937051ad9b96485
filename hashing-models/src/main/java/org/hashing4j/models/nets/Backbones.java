package org.hashing4j.models.nets;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.nets.samediff.GraphBackbones;
import org.hashing4j.models.nets.samediff.GraphImageBackbone;

/**
 * Creates backbones by name (as users type them) and rebuilds them from a saved {@link Backbone#spec()}.
 * The ImageNet networks (alexnet, vgg16, resnet18, resnet50) are created from the deep methods' settings
 * ({@code DeepSettings#backbone}, which knows their weights and input size) and rebuilt here.
 */
public final class Backbones {
    /** Names users can give, in the order help texts list them. */
    public static final List<String> NAMES = List.of(SmallCnnBackbone.NAME, MlpBackbone.NAME, IdentityBackbone.NAME);

    private Backbones() {
    }

    /**
     * A backbone for inputs of {@code inputDimension} (and {@code imageShape}, null when the rows are
     * not images).
     *
     * @param name   "cnn", "mlp" or "features" (the rows are features already; case-insensitive)
     * @param hidden MLP hidden sizes, or null for {@link MlpBackbone#DEFAULT_HIDDEN}; ignored by the CNN
     * @param layout CNN tensor layout; ignored by the MLP
     */
    public static Backbone create(String name, int inputDimension, int[] imageShape, int[] hidden,
            SmallCnnBackbone.Layout layout) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case SmallCnnBackbone.NAME:
                if (imageShape == null) {
                    throw new HashingException("backbone 'cnn' needs image data (the features have no image shape); use --backbone mlp");
                }
                return new SmallCnnBackbone(imageShape, layout == null ? SmallCnnBackbone.Layout.NHWC : layout);
            case MlpBackbone.NAME:
                return new MlpBackbone(inputDimension, hidden == null ? MlpBackbone.DEFAULT_HIDDEN : hidden);
            case IdentityBackbone.NAME:
                return new IdentityBackbone(inputDimension);
            default:
                throw new HashingException("unknown backbone '" + name + "'; known backbones: " + String.join(", ", NAMES));
        }
    }

    /** Rebuilds the backbone a model file describes ({@link Backbone#spec()} as JSON). */
    public static Backbone fromSpec(JsonNode spec, String source) {
        String name = spec.path("name").asText("");
        int dim = spec.path("input_dimension").asInt(-1);
        try {
            switch (name) {
                case SmallCnnBackbone.NAME: {
                    JsonNode s = spec.path("image_shape");
                    if (!s.isArray() || s.size() != 3) {
                        throw new HashingException("cnn backbone spec has no image_shape");
                    }
                    int[] shape = {s.get(0).asInt(), s.get(1).asInt(), s.get(2).asInt()};
                    Backbone b = new SmallCnnBackbone(shape, SmallCnnBackbone.Layout.parse(spec.path("layout").asText("nhwc")));
                    if (b.inputDimension() != dim) {
                        throw new HashingException("cnn backbone spec: image shape does not match input dimension " + dim);
                    }
                    return b;
                }
                case MlpBackbone.NAME: {
                    JsonNode h = spec.path("hidden");
                    int[] hidden = new int[h.size()];
                    for (int i = 0; i < hidden.length; i++) {
                        hidden[i] = h.get(i).asInt();
                    }
                    return new MlpBackbone(dim, hidden);
                }
                case IdentityBackbone.NAME:
                    return new IdentityBackbone(dim);
                default:
                    if (GraphBackbones.has(name)) {
                        // Seeded random values: the model's saved weights and constants are set over them.
                        return GraphImageBackbone.fromSpec(spec, 0);
                    }
                    throw new HashingException("unknown backbone '" + name + "'");
            }
        } catch (HashingException e) {
            throw new HashingException(source + ": " + e.getMessage(), e);
        }
    }
}
