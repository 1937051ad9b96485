/**
 * Datasets given as list files ({@code train.txt}, {@code test.txt}, {@code database.txt}: one image
 * and its multi-hot labels a line), the layout of NUS-WIDE, ImageNet-100 and COCO in the PyTorch deep
 * hashing toolkits; the images are streamed.
 *
 * <p>Dependencies: {@code core}, and within datasets the root package, {@code image} and
 * {@code locate}. Imported only by the {@link org.hashing4j.datasets.Datasets} registry.
 */
package org.hashing4j.datasets.listfile;
