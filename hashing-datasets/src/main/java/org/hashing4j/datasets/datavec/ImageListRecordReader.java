package org.hashing4j.datasets.datavec;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.datavec.api.conf.Configuration;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.metadata.RecordMetaDataIndex;
import org.datavec.api.records.reader.BaseRecordReader;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.hashing4j.core.Labels;
import org.hashing4j.datasets.image.ImageList;
import org.hashing4j.datasets.image.DecodedImage;
import org.hashing4j.datasets.image.ImagePipeline;
import org.hashing4j.datasets.image.ImagePipelineConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DataVec record reader over an {@link ImageList}: one record per image, in list order, as
 * DataVec's own {@code ImageRecordReader} lays them out — the image as an {@link NDArrayWritable} of
 * shape {@code [1, c, h, w]} (pipeline output: pixels in [0,1], normalised if the pipeline says so),
 * then the label: an {@link IntWritable} class index for single-label lists, or an
 * {@link NDArrayWritable} {@code [1, classes]} 0/1 row for multi-label lists. Use it with
 * {@code new RecordReaderDataSetIterator(reader, batch, 1, numClasses())} (single-label), or with
 * {@code new RecordReaderDataSetIterator(reader, batch, 1, 1, true)} (multi-label rows as regression
 * targets). The list is given at construction, so {@code initialize} ignores its split.
 */
public class ImageListRecordReader extends BaseRecordReader {
    private static final long serialVersionUID = 1L;

    private final ImageList images;
    private final ImagePipeline pipeline;
    private final List<String> classNames;
    private final int[] shape;
    private int cursor;
    private Configuration conf;

    /**
     * @param images     the images and their labels (labels may be null: records then hold the image only)
     * @param config     how files become arrays (evaluation mode: no random crop or flip)
     * @param classNames class names for {@link #getLabels()}, or empty
     */
    public ImageListRecordReader(ImageList images, ImagePipelineConfig config, List<String> classNames) {
        this.images = images;
        this.pipeline = new ImagePipeline(config);
        this.classNames = List.copyOf(classNames);
        int[] fixed = config.fixedOutputShape();
        if (fixed == null) {
            try (DecodedImage first = DecodedImage.read(images.files().get(0))) {
                fixed = pipeline.outputShape(first.width(), first.height());
            }
        }
        this.shape = fixed;
    }

    /** Label columns (0 when the list has no labels). */
    public int numClasses() {
        return images.labels() == null ? 0 : images.labels().numClasses();
    }

    /** The image list read. */
    public ImageList images() {
        return images;
    }

    @Override
    public void initialize(InputSplit split) {
        cursor = 0;
    }

    @Override
    public void initialize(Configuration conf, InputSplit split) {
        this.conf = conf;
        initialize(split);
    }

    @Override
    public boolean batchesSupported() {
        return false;
    }

    @Override
    public List<List<Writable>> next(int num) {
        List<List<Writable>> out = new ArrayList<>();
        while (hasNext() && out.size() < num) {
            out.add(next());
        }
        return out;
    }

    @Override
    public List<Writable> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int i = cursor++;
        invokeListeners(images.files().get(i).toUri());
        return record(i);
    }

    private List<Writable> record(int i) {
        float[] px = pipeline.apply(images.files().get(i), false, new Random(0));
        List<Writable> r = new ArrayList<>(2);
        r.add(new NDArrayWritable(Nd4j.create(px, new long[] {1, shape[0], shape[1], shape[2]}, 'c')));
        Labels l = images.labels();
        if (l != null) {
            if (l.isMultiLabel()) {
                float[] row = new float[l.numClasses()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = l.has(i, c) ? 1f : 0f;
                }
                r.add(new NDArrayWritable(Nd4j.create(row, new long[] {1, row.length}, 'c')));
            } else {
                r.add(new IntWritable(l.classOf(i)));
            }
        }
        return r;
    }

    @Override
    public boolean hasNext() {
        return cursor < images.size();
    }

    @Override
    public List<String> getLabels() {
        return classNames.isEmpty() ? null : classNames;
    }

    @Override
    public void reset() {
        cursor = 0;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public List<Writable> record(URI uri, DataInputStream dataInputStream) throws IOException {
        throw new UnsupportedOperationException("records come from the image list; read them with next()");
    }

    @Override
    public Record nextRecord() {
        int i = cursor;
        List<Writable> r = next();
        return new org.datavec.api.records.impl.Record(r,
                new RecordMetaDataIndex(i, images.files().get(i).toUri(), getClass()));
    }

    @Override
    public Record loadFromMetaData(RecordMetaData recordMetaData) {
        return loadFromMetaData(Collections.singletonList(recordMetaData)).get(0);
    }

    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> recordMetaDatas) {
        List<Record> out = new ArrayList<>();
        for (RecordMetaData m : recordMetaDatas) {
            int i = (int) ((RecordMetaDataIndex) m).getIndex();
            out.add(new org.datavec.api.records.impl.Record(record(i), m));
        }
        return out;
    }

    @Override
    public void close() {
        // nothing held open: each image file is read and closed when its record is made
    }

    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public Configuration getConf() {
        return conf;
    }
}
