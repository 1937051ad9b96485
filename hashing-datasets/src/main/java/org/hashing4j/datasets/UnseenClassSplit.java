package org.hashing4j.datasets;

import java.util.List;
import java.util.Locale;
import org.hashing4j.core.FeatureSet;
import org.hashing4j.core.HashingException;
import org.hashing4j.core.Labels;
import org.hashing4j.datasets.split.ClassHoldout;

/**
 * The seen/unseen-class protocol over any split held in memory, as the 2024 deep-hashing benchmark
 * DSH_Analysis runs it ({@code shared/METHODS-DEEP.md} §4): the classes of a {@link ClassHoldout}
 * are held out of training, and retrieval is measured twice against the <em>whole</em> database:
 * <ul>
 *   <li><b>seen@all</b>: queries of seen classes (at least one seen label);</li>
 *   <li><b>unseen@all</b>: queries of unseen classes only (every label unseen), the measure of how
 *       codes generalise to classes the method never saw.</li>
 * </ul>
 * The training set is the base split's training set without its unseen items, labels restricted to
 * the seen classes ({@link ClassHoldout#trainingLabels}). Queries and database keep their full
 * labels; the database is unchanged (its unseen items were never trained on, and serve as
 * distractors for seen queries).
 */
public final class UnseenClassSplit {
    private final RetrievalSplit base;
    private final ClassHoldout holdout;
    private final FeatureSet train;
    private final FeatureSet seenQueries;
    private final FeatureSet unseenQueries;

    private UnseenClassSplit(RetrievalSplit base, ClassHoldout holdout, FeatureSet train, FeatureSet seenQueries,
            FeatureSet unseenQueries) {
        this.base = base;
        this.holdout = holdout;
        this.train = train;
        this.seenQueries = seenQueries;
        this.unseenQueries = unseenQueries;
    }

    /**
     * Applies {@code holdout} to {@code split}.
     *
     * @throws HashingException if the split is not in memory or unlabelled, or if no training item
     *                          or no query is left on either side
     */
    public static UnseenClassSplit of(RetrievalSplit split, ClassHoldout holdout) {
        String name = split.dataset() + " (" + split.protocol() + ")";
        if (!split.hasFeatures()) {
            throw new HashingException("the unseen-class protocol needs " + name
                    + " in memory; extract features first (hashing features) and use dataset 'features'");
        }
        FeatureSet t = split.train();
        FeatureSet q = split.query();
        if (!t.hasLabels() || !q.hasLabels() || !split.database().hasLabels()) {
            throw new HashingException("the unseen-class protocol needs class labels, but " + name + " has none");
        }
        int[] trainRows = holdout.seenItems(t.labels());
        int[] seenRows = holdout.seenItems(q.labels());
        int[] unseenRows = holdout.unseenItems(q.labels());
        require(trainRows.length, "training items of seen classes", name, holdout);
        require(seenRows.length, "queries of seen classes", name, holdout);
        require(unseenRows.length, "queries of unseen classes only", name, holdout);
        String prefix = split.dataset() + "/" + split.protocol() + "/";
        FeatureSet seenTrain = t.select(trainRows, prefix + "train-seen");
        FeatureSet train = new FeatureSet(seenTrain.features(), holdout.trainingLabels(t.labels(), trainRows),
                t.imageShape(), seenTrain.name());
        return new UnseenClassSplit(split, holdout, train, q.select(seenRows, prefix + "query-seen"),
                q.select(unseenRows, prefix + "query-unseen"));
    }

    /** The classes of a split: the most any of its three label sets names. */
    public static int numClasses(RetrievalSplit split) {
        int c = split.classNames().size();
        for (FeatureSet s : List.of(split.train(), split.query(), split.database())) {
            if (s.hasLabels()) {
                c = Math.max(c, s.labels().numClasses());
            }
        }
        return c;
    }

    private static void require(int count, String what, String name, ClassHoldout holdout) {
        if (count == 0) {
            throw new HashingException("no " + what + " in " + name + " with " + holdout.describe());
        }
    }

    /** The split the protocol was applied to. */
    public RetrievalSplit base() {
        return base;
    }

    public ClassHoldout holdout() {
        return holdout;
    }

    /** Training items of seen classes, labels renumbered over the seen classes. */
    public FeatureSet train() {
        return train;
    }

    /** Queries carrying at least one seen class (full labels). */
    public FeatureSet seenQueries() {
        return seenQueries;
    }

    /** Queries whose classes are all unseen (full labels). */
    public FeatureSet unseenQueries() {
        return unseenQueries;
    }

    /** The whole database of the base split, seen and unseen classes (full labels). */
    public FeatureSet database() {
        return base.database();
    }

    /** Labels of the unseen-class queries. */
    public Labels unseenQueryLabels() {
        return unseenQueries.labels();
    }

    /** The unseen classes by name where the split has names, e.g. "[8 Bag, 9 Ankle boot]". */
    public String unseenClassNames() {
        List<String> names = base.classNames();
        StringBuilder s = new StringBuilder("[");
        int[] unseen = holdout.unseen();
        for (int i = 0; i < unseen.length; i++) {
            s.append(i == 0 ? "" : ", ").append(unseen[i]);
            if (unseen[i] < names.size()) {
                s.append(' ').append(names.get(unseen[i]));
            }
        }
        return s.append(']').toString();
    }

    /** One sentence for reports: the held-out classes and the sizes of the sets. */
    public String summary() {
        return String.format(Locale.ROOT, "Unseen-class protocol: classes %s of %d held out of training; %d training"
                + " items of the %d seen classes (of %d); %d seen and %d unseen queries, each searched in the whole"
                + " database of %d items.", unseenClassNames(), holdout.numClasses(), train.size(),
                holdout.seen().length, base.train().size(), seenQueries.size(), unseenQueries.size(),
                database().size());
    }
}
