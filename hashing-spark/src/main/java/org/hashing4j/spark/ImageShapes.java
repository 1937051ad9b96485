package org.hashing4j.spark;

import java.util.List;

import org.hashing4j.core.HashFunction;
import org.hashing4j.core.HashingException;

/**
 * The image shape {c, h, w} a model takes: its provenance's {@code image_shape} when recorded, else
 * grey s×s when the input dimension is a square and RGB s×s when it is three squares, else none.
 */
final class ImageShapes {
    private ImageShapes() {
    }

    static int[] of(HashFunction model) {
        int d = model.inputDimension();
        Object recorded = model.provenance() == null ? null : model.provenance().get("image_shape");
        if (recorded != null) {
            int[] s = ints(recorded);
            if (s != null) {
                int[] shape = s.length == 2 ? new int[] {1, s[0], s[1]} : s;
                if (shape.length == 3 && (long) shape[0] * shape[1] * shape[2] == d) {
                    return shape;
                }
            }
            throw new HashingException("model provenance image_shape " + recorded + " does not fit its input of " + d
                    + " values");
        }
        int side = (int) Math.round(Math.sqrt(d));
        if (side * side == d) {
            return new int[] {1, side, side};
        }
        int rgb = (int) Math.round(Math.sqrt(d / 3.0));
        if (3 * rgb * rgb == d) {
            return new int[] {3, rgb, rgb};
        }
        return null;
    }

    private static int[] ints(Object v) {
        if (v instanceof int[] a) {
            return a.clone();
        }
        if (v instanceof List<?> l) {
            int[] out = new int[l.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(l.get(i) instanceof Number n)) {
                    return null;
                }
                out[i] = n.intValue();
            }
            return out;
        }
        if (v instanceof com.fasterxml.jackson.databind.JsonNode node && node.isArray()) {
            int[] out = new int[node.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = node.get(i).asInt();
            }
            return out;
        }
        return null;
    }
}
