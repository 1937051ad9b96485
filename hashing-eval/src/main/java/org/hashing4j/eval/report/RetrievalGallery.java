package org.hashing4j.eval.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hashing4j.core.BinaryCodes;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HammingRanking;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.eval.Relevance;

/**
 * A picture of retrieval for a report: a few queries, each with its top-ranked database images,
 * relevant results framed green and wrong ones red. Images are float pixels, channel-major
 * (c × h × w) with c = 1 (grey) or 3 (RGB), as the rows of a {@link FeatureSet} with an image shape.
 */
public final class RetrievalGallery {
    /** One query and its results. */
    public static final class Row {
        final float[] query;
        final String queryCaption;
        final List<float[]> results;
        final boolean[] relevant;
        final List<String> resultCaptions;

        Row(float[] query, String queryCaption, List<float[]> results, boolean[] relevant, List<String> captions) {
            this.query = query;
            this.queryCaption = queryCaption;
            this.results = results;
            this.relevant = relevant;
            this.resultCaptions = captions;
        }
    }

    private final String title;
    private final int[] imageShape;
    private final List<Row> rows = new ArrayList<>();

    /**
     * @param title      e.g. "JMLH, 64 bits, Fashion-MNIST"
     * @param imageShape {channels, height, width}
     */
    public RetrievalGallery(String title, int[] imageShape) {
        if (imageShape == null || imageShape.length != 3 || (imageShape[0] != 1 && imageShape[0] != 3)
                || imageShape[1] < 1 || imageShape[2] < 1) {
            throw new HashingException("gallery '" + title + "' needs an image shape {1 or 3 channels, height, width}");
        }
        this.title = title;
        this.imageShape = imageShape.clone();
    }

    /**
     * Adds a query with its results (best first). {@code resultCaptions} may be null.
     */
    public RetrievalGallery addRow(float[] queryImage, String queryCaption, List<float[]> resultImages,
            boolean[] relevant, List<String> resultCaptions) {
        int size = imageShape[0] * imageShape[1] * imageShape[2];
        if (queryImage.length != size) {
            throw new HashingException("gallery '" + title + "': query image has " + queryImage.length
                    + " values, the image shape needs " + size);
        }
        if (relevant.length != resultImages.size()
                || (resultCaptions != null && resultCaptions.size() != resultImages.size())) {
            throw new HashingException("gallery '" + title + "': " + resultImages.size() + " results but "
                    + relevant.length + " relevance marks" + (resultCaptions == null ? "" : " and "
                    + resultCaptions.size() + " captions"));
        }
        for (float[] r : resultImages) {
            if (r.length != size) {
                throw new HashingException("gallery '" + title + "': a result image has " + r.length
                        + " values, the image shape needs " + size);
            }
        }
        List<String> captions = resultCaptions == null ? Collections.nCopies(resultImages.size(), "")
                : List.copyOf(resultCaptions);
        rows.add(new Row(queryImage, queryCaption == null ? "" : queryCaption, List.copyOf(resultImages),
                relevant.clone(), captions));
        return this;
    }

    /**
     * Builds a gallery by ranking: for each of {@code queryRows}, the {@code top} nearest database codes
     * in Hamming distance (ties by index), marked with {@code relevance}. Both feature sets must carry
     * their images ({@link FeatureSet#imageShape()}); captions show classes when labels are present and
     * the Hamming distance of each result.
     */
    public static RetrievalGallery fromRanking(String title, FeatureSet queries, BinaryCodes queryCodes,
            int[] queryRows, FeatureSet database, BinaryCodes databaseCodes, Relevance relevance, int top) {
        int[] shape = queries.imageShape();
        if (shape == null) {
            throw new HashingException("gallery '" + title + "': query set " + queries.name() + " holds no images");
        }
        if (queryCodes.size() != queries.size() || databaseCodes.size() != database.size()) {
            throw new HashingException("gallery '" + title + "': codes and feature sets differ in size");
        }
        RetrievalGallery g = new RetrievalGallery(title, shape);
        HammingRanking ranker = new HammingRanking(databaseCodes);
        int n = Math.min(top, database.size());
        for (int q : queryRows) {
            ranker.rank(queryCodes, q);
            int[] order = ranker.order();
            int[] dist = ranker.distances();
            List<float[]> images = new ArrayList<>(n);
            List<String> captions = new ArrayList<>(n);
            boolean[] rel = new boolean[n];
            for (int i = 0; i < n; i++) {
                int j = order[i];
                images.add(database.features()[j]);
                rel[i] = relevance.isRelevant(q, j);
                String label = labelOf(database.labels(), j);
                captions.add("d=" + dist[j] + (label.isEmpty() ? "" : " · " + label));
            }
            String qLabel = labelOf(queries.labels(), q);
            g.addRow(queries.features()[q], "query " + q + (qLabel.isEmpty() ? "" : " · " + qLabel), images, rel,
                    captions);
        }
        return g;
    }

    /** {@code count} indices spread evenly over {@code 0..n-1} (deterministic), e.g. queries to show. */
    public static int[] evenlySpaced(int n, int count) {
        int c = Math.min(n, count);
        int[] out = new int[c];
        for (int i = 0; i < c; i++) {
            out[i] = (int) ((long) i * n / c);
        }
        return out;
    }

    private static String labelOf(Labels labels, int i) {
        if (labels == null) {
            return "";
        }
        if (!labels.isMultiLabel()) {
            return "class " + labels.classOf(i);
        }
        StringBuilder s = new StringBuilder("labels ");
        boolean first = true;
        for (int c = 0; c < labels.numClasses(); c++) {
            if (labels.has(i, c)) {
                s.append(first ? "" : ",").append(c);
                first = false;
            }
        }
        return first ? "no labels" : s.toString();
    }

    public String title() {
        return title;
    }

    /** {channels, height, width}. */
    public int[] imageShape() {
        return imageShape.clone();
    }

    /** Number of query rows. */
    public int size() {
        return rows.size();
    }

    List<Row> rows() {
        return rows;
    }

    /** Fraction of shown results that are relevant. */
    public double shownPrecision() {
        int rel = 0;
        int all = 0;
        for (Row r : rows) {
            for (boolean b : r.relevant) {
                rel += b ? 1 : 0;
                all++;
            }
        }
        return all == 0 ? Double.NaN : (double) rel / all;
    }
}
