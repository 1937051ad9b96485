package org.hashing4j.models.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.datasets.image.ImageSplit;
import org.hashing4j.models.DeclaredMethod;
import org.hashing4j.models.ImageEncoder;
import org.hashing4j.models.ImageStreamMethod;
import org.hashing4j.core.HashingException;
import org.hashing4j.models.MethodConfig;
import org.hashing4j.models.MethodParameter;
import org.hashing4j.models.MethodSupport;
import org.hashing4j.models.ModelArchive;
import org.hashing4j.models.ModelProvenance;
import org.hashing4j.models.TrainedModel;
import org.hashing4j.models.TrainingContext;

/**
 * The base of every deep method trained by {@link DeepTrainer}. A method declares once what it is
 * ({@link Declaration}: its name, display name, whether it is supervised, its paper, its own parameters
 * with their paper defaults, the defaults of the shared training settings) and supplies its
 * {@link DeepObjective} (head, loss, state); fitting, checkpoints, history, validation, model files, the
 * known-parameter check, {@code hashing methods}' description and the settings recorded in provenance
 * and fingerprints come from here (name, description and known parameters through {@link DeclaredMethod},
 * which every method shares). See {@code docs/ARCHITECTURE.md} ("A deep method") for the recipe.
 *
 * <p>Every deep method also trains on image files streamed from disk ({@link ImageStreamMethod}) with an
 * ImageNet backbone ({@code backbone: resnet18}, ...), and its models encode image files ({@link DeepModel}
 * is an {@link org.hashing4j.models.ImageEncoder}).
 */
public abstract class DeepHashingMethod extends DeclaredMethod implements ImageStreamMethod {

    /**
     * What a deep method is, declared once and handed to {@link #DeepHashingMethod(Declaration)}; the
     * method's registry name, description, known parameters and recorded settings all derive from it, so
     * they cannot drift apart.
     *
     * @param name          the registry name ({@link #name()}), e.g. {@code dpsh}
     * @param displayName   the name reports show ({@link #displayName()}), e.g. {@code DPSH}
     * @param supervised    whether training needs labels ({@link #supervised()})
     * @param paper         the paper the method implements, as a one-line citation (authors, title, venue
     *                      and year), shown by {@code hashing methods}
     * @param ownParameters the method's own parameters, in the order {@code hashing methods} shows them and
     *                      provenance records them; each declared once as a {@link MethodParameter} constant
     *                      that {@link #objective} reads it through (the shared training settings are
     *                      {@link DeepSettings#parameters})
     * @param defaults      the method's published defaults for the shared settings (optimiser, rate, batch,
     *                      epochs, ...)
     */
    public record Declaration(String name, String displayName, boolean supervised, String paper,
            List<MethodParameter<?>> ownParameters, DeepSettings.Defaults defaults) {
        public Declaration {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(paper, "paper");
            ownParameters = List.copyOf(ownParameters);
            Objects.requireNonNull(defaults, "defaults");
        }
    }

    private final Declaration declaration;

    /** A method described by {@code declaration}. */
    protected DeepHashingMethod(Declaration declaration) {
        super(declared(declaration));
        this.declaration = declaration;
    }

    /**
     * What {@link DeclaredMethod} derives the name, description and known parameters from: the method's
     * own parameters, then the shared training settings with its defaults, in the order
     * {@code hashing methods} lists them.
     */
    private static DeclaredMethod.Declaration declared(Declaration d) {
        Objects.requireNonNull(d, "declaration");
        List<MethodParameter<?>> all = new ArrayList<>(d.ownParameters());
        all.addAll(DeepSettings.parameters(d.defaults()));
        return new DeclaredMethod.Declaration(d.name(), d.displayName(), d.supervised(), d.paper(), all);
    }

    /** The paper the method implements, as a one-line citation (authors, title, venue and year). */
    protected final String paper() {
        return declaration.paper();
    }

    /**
     * The method's own parameters, each declared once with its default and description (the shared
     * training settings are {@link DeepSettings#parameters}); {@link #objective} reads them through
     * these objects, so the defaults {@code hashing methods} shows are the ones in use.
     */
    protected final List<MethodParameter<?>> ownParameters() {
        return declaration.ownParameters();
    }

    /** The method's published defaults for the shared settings (optimiser, rate, batch, epochs, ...). */
    protected final DeepSettings.Defaults defaults() {
        return declaration.defaults();
    }

    /** {@code p}'s value in {@code config}, checked to be &gt; 0 (or ≥ 0 when {@code zeroAllowed}). */
    protected final double positive(MethodParameter<Double> p, MethodConfig config, boolean zeroAllowed) {
        return MethodSupport.checkPositive(name(), p.name(), p.read(name(), config), zeroAllowed);
    }

    /** {@code p}'s value in {@code config}, checked to lie in [min, max]. */
    protected final int range(MethodParameter<Integer> p, MethodConfig config, int min, int max) {
        return MethodSupport.checkRange(name(), p.name(), p.read(name(), config), min, max);
    }

    /** {@code p}'s value in {@code config}, checked to lie in (low, high] when {@code openLow}, else [low, high). */
    protected final double interval(MethodParameter<Double> p, MethodConfig config, double low, double high,
            boolean openLow) {
        return MethodSupport.checkInterval(name(), p.name(), p.read(name(), config), low, high, openLow);
    }

    /**
     * The head and loss for {@code config}: read and check the method's own parameters here (one-line
     * errors naming the parameter).
     */
    protected abstract DeepObjective objective(MethodConfig config);

    /** The shared settings of {@code config}; unknown parameters are an error with a hint. */
    public DeepSettings settings(MethodConfig config, boolean hasImages) {
        checkKnown(config);
        return DeepSettings.from(name(), config, defaults(), hasImages);
    }

    /** Reads the shared settings and builds the objective, which checks every parameter. */
    @Override
    public void check(MethodConfig config) {
        settings(config, true);
        objective(config);
    }

    /**
     * The settings as recorded in provenance and fingerprints (which {@code --resume} compares): the shared
     * ones, then the method's own parameters in declaration order with the values {@code config} gives
     * them — read through the same {@link MethodParameter}s, hence the values {@code objective} read and
     * checked — then what the objective derives from them ({@link DeepObjective#settings()}), a value
     * under a parameter's name replacing that parameter's value in place.
     */
    protected Map<String, Object> settingsMap(DeepSettings settings, MethodConfig config, DeepObjective objective) {
        Map<String, Object> m = new LinkedHashMap<>(settings.toMap());
        for (MethodParameter<?> p : ownParameters()) {
            m.put(p.name(), p.read(name(), config));
        }
        m.putAll(objective.settings());
        return m;
    }

    /** A checkpoint of an older, method-specific format in {@code dir}, or null (the default: none). */
    protected Checkpoint legacyCheckpoint(Path dir) {
        return null;
    }

    @Override
    public TrainedModel fit(FeatureSet data, MethodConfig config, TrainingContext context) {
        DeepTrainer.Result r = new DeepTrainer(this, data, config, context).train();
        return model(r, ModelProvenance.of(this, config, context, data, r.settingsMap(), r.details()), config);
    }

    /**
     * Trains on the training images of {@code images}, decoded batch by batch (see
     * {@link DeepTrainer#DeepTrainer(DeepHashingMethod, org.hashing4j.datasets.image.ImageList, MethodConfig,
     * TrainingContext)}); the model's input specification records the evaluation transform, so that
     * {@code hashing encode --images} and {@code search --image} prepare files as validation did.
     */
    @Override
    public ImageEncoder fit(ImageSplit images, MethodConfig config, TrainingContext context) {
        DeepTrainer trainer = new DeepTrainer(this, images.train(), config, context);
        DeepTrainer.Result r = trainer.train();
        ModelProvenance.DataProvenance k = context == null || context.data() == null
                ? ModelProvenance.DataProvenance.UNKNOWN : context.data();
        ModelProvenance p = ModelProvenance.of(this, config, context, null, r.settingsMap(), r.details())
                .withData(new ModelProvenance.DataProvenance(k.dataset(), k.protocol(), images.train().name(),
                        images.train().size(), r.network().backbone().inputDimension(), k.splitSizes(), k.checksums()))
                .withInput(trainer.streamedInput());
        TrainedModel m = model(r, p, config);
        if (!(m instanceof ImageEncoder e)) {
            throw new HashingException(name() + " models cannot encode image files (" + m.getClass().getSimpleName() + ")");
        }
        return e;
    }

    /** The model of a finished training run; methods with their own model file format override this. */
    protected TrainedModel model(DeepTrainer.Result result, ModelProvenance provenance, MethodConfig config) {
        return new DeepModel(this, result.network(), result.settings(), config, provenance);
    }

    @Override
    public TrainedModel load(ModelArchive.Reader archive) {
        return DeepModel.load(this, archive);
    }
}
