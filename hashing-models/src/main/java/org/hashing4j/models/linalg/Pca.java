package org.hashing4j.models.linalg;

import org.hashing4j.core.HashingException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Principal component analysis of a set of rows: the column means and the top eigenvectors of the
 * sample covariance, with their variances. The first step of PCAH, ITQ and spectral hashing.
 */
public final class Pca {
    private final double[] mean;
    private final INDArray components;
    private final double[] variances;

    private Pca(double[] mean, INDArray components, double[] variances) {
        this.mean = mean;
        this.components = components;
        this.variances = variances;
    }

    /**
     * The top {@code k} principal directions of the rows of {@code x} (k ≤ dimension). The
     * covariance is d × d, so this costs O(n·d²) time and O(d²) memory.
     */
    public static Pca fit(float[][] x, int k) {
        int d = x[0].length;
        if (k < 1 || k > d) {
            throw new HashingException("PCA to " + k + " dimensions needs 1 <= k <= the input dimension " + d);
        }
        double[] mean = Matrices.columnMeans(x);
        SymmetricEigen eig = SymmetricEigen.of(Matrices.covariance(x, mean));
        double[] all = eig.values();
        double[] top = new double[k];
        System.arraycopy(all, 0, top, 0, k);
        return new Pca(mean, eig.topVectors(k), top);
    }

    /** Column means of the training rows (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** Principal directions as the orthonormal columns of a d × k matrix, largest variance first. */
    public INDArray components() {
        return components;
    }

    /** Variance of the data along each component (the covariance eigenvalues), descending. */
    public double[] variances() {
        return variances.clone();
    }

    /** Number of components. */
    public int size() {
        return variances.length;
    }

    /** The centred rows projected on the components: n × k. */
    public INDArray project(float[][] x) {
        return Matrices.centredTimes(x, mean, components);
    }
}
