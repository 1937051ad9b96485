/**
 * The user's own images in one folder per class ({@link
 * org.hashing4j.datasets.folder.ImageFolderDataset}), with the class-folder scan and image-size
 * probing it needs.
 *
 * <p>Dependencies: {@code core}, and within datasets the root package, {@code image}, {@code locate}
 * and {@code split}. Imported by the registry and by {@code cifar} (DL4J's PNG layout of CIFAR-10
 * is a class-folder tree).
 */
package org.hashing4j.datasets.folder;
