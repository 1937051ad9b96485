/**
 * Writing an in-memory image dataset out as ordinary image files ({@link
 * org.hashing4j.datasets.export.ImageExport}): PNG files in class folders plus the list files of the
 * split, so that the image-folder and list-file datasets, and other tools, can read it from disk.
 *
 * <p>Dependencies: {@code core} and the root package of datasets. Imported by the CLI.
 */
package org.hashing4j.datasets.export;
