/**
 * Our image datasets as DataVec {@code RecordReader}s, so that DL4J users can feed list files and
 * class folders to {@code RecordReaderDataSetIterator}: {@link
 * org.hashing4j.datasets.datavec.ListFileRecordReader} and {@link
 * org.hashing4j.datasets.datavec.ImageFolderRecordReader}, both over {@link
 * org.hashing4j.datasets.datavec.ImageListRecordReader}, which decodes with the image pipeline.
 *
 * <p>Dependencies: {@code core}, {@code datasets.image}, {@code .listfile}, {@code .folder} and
 * DataVec's API. Imported by library users only.
 */
package org.hashing4j.datasets.datavec;
