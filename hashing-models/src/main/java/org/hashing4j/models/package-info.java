/**
 * The contracts every method and caller shares: {@link org.hashing4j.models.HashingMethod} (fit on a
 * training set), {@link org.hashing4j.models.TrainedModel} (a saved hash function), the capabilities
 * {@link org.hashing4j.models.ImageStreamMethod} and {@link org.hashing4j.models.ImageEncoder} (train on
 * and encode streamed image files), {@link org.hashing4j.models.MethodRegistry} (names to methods),
 * {@link org.hashing4j.models.MethodConfig} (configuration as data),
 * {@link org.hashing4j.models.ModelProvenance} (typed provenance), model files
 * ({@link org.hashing4j.models.ModelFiles}, {@link org.hashing4j.models.ModelArchive}), training context
 * and listener, {@link org.hashing4j.models.MethodSupport} (parameter checks, the seeded sampler),
 * {@link org.hashing4j.models.MethodParameter} (a parameter declared once: name, default, description)
 * and {@link org.hashing4j.models.DeclaredMethod} (the base of every method: one declaration each).
 *
 * <p>Imports core, datasets and eval only; every other package of this module and every front end
 * may import it. Adding a method: a package under {@code methods} and one line in the registry.
 */
package org.hashing4j.models;
