package org.hashing4j.models.nets;

import java.nio.file.Path;
import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.H5Object;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.StrType;
import org.bytedeco.hdf5.global.hdf5;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Writes a small Keras 2 (TensorFlow backend) Sequential model in the HDF5 layout {@code model.save}
 * produces — {@code model_config} JSON and {@code model_weights/<layer>/<layer>/kernel:0, bias:0} —
 * so that the Keras import path can be tested without Python. The model: input 4×4×3
 * (channels_last) → Conv2D "conv" (2 filters 1×1, relu) → Flatten "flat" → Dense "fc" (5, relu) →
 * Dense "out" (2, softmax).
 */
final class KerasFiles {
    static final int H = 4;
    static final int W = 4;
    static final int C = 3;
    static final int F = 2;
    static final int FC = 5;

    private KerasFiles() {
    }

    /** The weights, in Keras layouts: conv kernel [1][1][C][F], dense kernels [in][out]. */
    record Weights(float[][] convKernel, float[] convBias, float[][] fcKernel, float[] fcBias, float[][] outKernel,
            float[] outBias) {
        static Weights random(long seed) {
            java.util.Random r = new java.util.Random(seed);
            return new Weights(matrix(r, C, F), vector(r, F), matrix(r, H * W * F, FC), vector(r, FC), matrix(r, FC, 2),
                    vector(r, 2));
        }

        private static float[][] matrix(java.util.Random r, int a, int b) {
            float[][] m = new float[a][b];
            for (float[] row : m) {
                for (int j = 0; j < b; j++) {
                    row[j] = (float) r.nextGaussian() * 0.5f;
                }
            }
            return m;
        }

        private static float[] vector(java.util.Random r, int n) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) r.nextGaussian() * 0.1f;
            }
            return v;
        }
    }

    private static final String INIT = "\"kernel_initializer\": {\"class_name\": \"VarianceScaling\", \"config\": "
            + "{\"scale\": 1.0, \"mode\": \"fan_avg\", \"distribution\": \"uniform\", \"seed\": null}}, "
            + "\"bias_initializer\": {\"class_name\": \"Zeros\", \"config\": {}}, \"kernel_regularizer\": null, "
            + "\"bias_regularizer\": null, \"activity_regularizer\": null, \"kernel_constraint\": null, "
            + "\"bias_constraint\": null";

    static String modelConfig() {
        return "{\"class_name\": \"Sequential\", \"keras_version\": \"2.2.4\", \"backend\": \"tensorflow\", "
                + "\"config\": {\"name\": \"sequential_1\", \"layers\": ["
                + "{\"class_name\": \"Conv2D\", \"config\": {\"name\": \"conv\", \"trainable\": true, "
                + "\"batch_input_shape\": [null, " + H + ", " + W + ", " + C + "], \"dtype\": \"float32\", \"filters\": " + F
                + ", \"kernel_size\": [1, 1], \"strides\": [1, 1], \"padding\": \"valid\", \"data_format\": "
                + "\"channels_last\", \"dilation_rate\": [1, 1], \"activation\": \"relu\", \"use_bias\": true, " + INIT + "}}, "
                + "{\"class_name\": \"Flatten\", \"config\": {\"name\": \"flat\", \"trainable\": true, "
                + "\"data_format\": \"channels_last\"}}, "
                + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"fc\", \"trainable\": true, \"units\": " + FC
                + ", \"activation\": \"relu\", \"use_bias\": true, " + INIT + "}}, "
                + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"out\", \"trainable\": true, \"units\": 2, "
                + "\"activation\": \"softmax\", \"use_bias\": true, " + INIT + "}}]}}";
    }

    static Path write(Path file, Weights w) {
        try (H5File f = new H5File(file.toString(), hdf5.H5F_ACC_TRUNC())) {
            stringAttribute(f, "model_config", modelConfig());
            stringAttribute(f, "keras_version", "2.2.4");
            stringAttribute(f, "backend", "tensorflow");
            try (Group weights = f.createGroup("model_weights")) {
                stringAttribute(weights, "keras_version", "2.2.4");
                stringAttribute(weights, "backend", "tensorflow");
                layer(weights, "conv", new long[] {1, 1, C, F}, flatten(w.convKernel()), w.convBias());
                layer(weights, "fc", new long[] {H * W * F, FC}, flatten(w.fcKernel()), w.fcBias());
                layer(weights, "out", new long[] {FC, 2}, flatten(w.outKernel()), w.outBias());
            }
        }
        return file;
    }

    private static void layer(Group weights, String name, long[] kernelShape, float[] kernel, float[] bias) {
        try (Group outer = weights.createGroup(name); Group inner = outer.createGroup(name)) {
            stringAttribute(outer, "weight_names", name + "/kernel:0");
            dataset(inner, "kernel:0", kernelShape, kernel);
            dataset(inner, "bias:0", new long[] {bias.length}, bias);
        }
    }

    private static void dataset(Group g, String name, long[] shape, float[] values) {
        try (DataSpace space = new DataSpace(shape.length, shape);
             DataSet ds = g.createDataSet(name, PredType.IEEE_F32LE(), space);
             FloatPointer p = new FloatPointer(values)) {
            ds.write(p, PredType.NATIVE_FLOAT());
        }
    }

    private static void stringAttribute(H5Object target, String name, String value) {
        try (StrType type = new StrType(PredType.C_S1(), value.length());
             DataSpace scalar = new DataSpace(hdf5.H5S_SCALAR);
             Attribute a = target.createAttribute(name, type, scalar)) {
            a.write(type, value);
        }
    }

    private static float[] flatten(float[][] m) {
        float[] out = new float[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, out, i * m[0].length, m[0].length);
        }
        return out;
    }
}
