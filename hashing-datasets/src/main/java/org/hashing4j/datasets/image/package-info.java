/**
 * Image pipelines: decoding ({@link org.hashing4j.datasets.image.DecodedImage}), resizing, cropping,
 * flipping and normalising image files into float arrays ({@link
 * org.hashing4j.datasets.image.ImagePipeline}, configured by {@link
 * org.hashing4j.datasets.image.ImagePipelineConfig}), image lists and sets that are streamed rather
 * than held in memory, and batch iterators for training and encoding.
 *
 * <p>Dependencies: {@code org.hashing4j.core}, and OpenCV through JavaCPP (the library DataVec's
 * image loader uses) for decoding and resizing. Imported by the image datasets, by models (for image
 * input), by the server and Spark (query images and collections) and by the experiment runner and CLI.
 */
package org.hashing4j.datasets.image;
