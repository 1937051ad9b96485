package org.hashing4j.models.nets.samediff;

/**
 * One layer with parameters, as the graph builder created it, with the names it has in the two
 * weight sources, so that loaders map weights by name and never by position.
 *
 * @param kind        what the parameters are
 * @param name        the layer's name in the graph; its variables are {@code <net>/<name>/W} and {@code /b}
 * @param torchKey    the prefix of its keys in a torchvision {@code state_dict} ({@code layer1.0.conv1})
 * @param zooName     its layer name in the DL4J zoo network, or null where the zoo has no such network
 * @param flattenHwc  for the first dense layer after a convolution: {height, width, channels} of the
 *                    flattened input (the graph flattens NHWC, torchvision and DL4J flatten CHW), else null
 * @param bias        whether the source has a bias for this layer (a folded convolution has {@code /b}
 *                    in the graph either way: it carries the batch norm's shift)
 * @param bn          the batch norm folded into this convolution, or null
 */
record ParamLayer(Kind kind, String name, String torchKey, String zooName, int[] flattenHwc, boolean bias,
        BatchNorm bn) {
    /** Parameter kinds. */
    enum Kind {
        /** weights [kH, kW, in, out] and a bias [out] */
        CONV,
        /** weights [in, out] and bias [out] */
        DENSE
    }

    /**
     * A batch norm in inference mode that follows a convolution and is folded into it: the graph
     * holds no batch-norm variables, the loader turns gamma, beta, mean and var into the
     * convolution's weights and bias ({@link WeightMapping}).
     *
     * @param name     its name in torchvision-style graphs ({@code layer1.0.bn1}), for messages
     * @param torchKey the prefix of its keys in a torchvision {@code state_dict}
     * @param zooName  its layer name in the DL4J zoo network, or null
     * @param epsilon  the epsilon added to the running variance
     */
    record BatchNorm(String name, String torchKey, String zooName, double epsilon) {
    }
}
