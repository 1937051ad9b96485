/**
 * Finding data on disk or fetching it: {@link org.hashing4j.datasets.locate.DatasetSource} (what
 * files make a dataset and how to get them), {@link org.hashing4j.datasets.locate.DataLocator} (the
 * order of places to look: {@code --data-dir}, {@code $HASHING_DATA}, system packages, the cache),
 * the environment it reads, and a checksum-verifying, atomic {@link
 * org.hashing4j.datasets.locate.Downloader}.
 *
 * <p>Dependencies: {@code org.hashing4j.core} only. Imported by every dataset family and by the CLI
 * (the {@code datasets} command reports where data was found).
 */
package org.hashing4j.datasets.locate;
