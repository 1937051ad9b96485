package org.hashing4j.models.nets.samediff;

/**
 * One layer with parameters, as the graph builder created it, with the names it has in the two
 * weight sources, so that loaders map weights by name and never by position.
 *
 * @param kind        what the parameters are
 * @param name        the layer's name in the graph; its variables are {@code <net>/<name>/<W|b|gamma|beta|mean|var>}
 * @param torchKey    the prefix of its keys in a torchvision {@code state_dict} ({@code layer1.0.conv1})
 * @param zooName     its layer name in the DL4J zoo network, or null where the zoo has no such network
 * @param flattenHwc  for the first dense layer after a convolution: {height, width, channels} of the
 *                    flattened input (the graph flattens NHWC, torchvision and DL4J flatten CHW), else null
 * @param epsilon     batch norm epsilon (0 for other kinds)
 */
record ParamLayer(Kind kind, String name, String torchKey, String zooName, int[] flattenHwc, double epsilon) {
    /** Parameter kinds. */
    enum Kind {
        /** weights [kH, kW, in, out] and optional bias [out] */
        CONV,
        /** gamma, beta (trainable) and mean, var (running statistics, constants) [channels] */
        BATCH_NORM,
        /** weights [in, out] and bias [out] */
        DENSE
    }
}
