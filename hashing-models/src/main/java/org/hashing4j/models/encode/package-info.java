/**
 * Encoding images with any model that takes images: how an image file becomes a model's input row
 * ({@link org.hashing4j.models.encode.ImageInputs}, shared by search queries and collections) and
 * whole collections encoded in batches with bounded memory ({@link
 * org.hashing4j.models.encode.CollectionEncoder}).
 *
 * <p>Dependencies: {@code core}, {@code datasets.image}, the model contracts and {@code models.nets.features}
 * (the backbones' evaluation transform). Imported by the CLI.
 */
package org.hashing4j.models.encode;
