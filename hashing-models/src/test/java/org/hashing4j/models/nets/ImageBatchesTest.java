package org.hashing4j.models.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.hashing4j.core.HashingException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ImageBatchesTest {
    @Test
    void caffeNormalisationSwapsToBgrScalesAndSubtractsMeans() {
        // One pixel: R=1, G=0.5, B=0.
        INDArray x = Nd4j.create(new float[] {1f, 0.5f, 0f}, new long[] {1, 3, 1, 1}, 'c');
        INDArray y = InputNormalization.CAFFE.apply(x);
        assertEquals(0 - 103.939, y.getDouble(0, 0, 0, 0), 1e-3);
        assertEquals(127.5 - 116.779, y.getDouble(0, 1, 0, 0), 1e-3);
        assertEquals(255 - 123.68, y.getDouble(0, 2, 0, 0), 1e-3);
        INDArray z = InputNormalization.IMAGENET.apply(x);
        assertEquals((1 - 0.485) / 0.229, z.getDouble(0, 0, 0, 0), 1e-4);
        assertEquals(x, InputNormalization.NONE.apply(x));
        assertEquals(InputNormalization.CAFFE, InputNormalization.fromMap(InputNormalization.CAFFE.toMap()));
    }

    @Test
    void adaptRepeatsGrayscaleAndResizes() {
        INDArray gray = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 1, 4, 4);
        INDArray rgb = ImageBatches.adapt(gray, new int[] {3, 8, 6});
        assertArrayEquals(new long[] {2, 3, 8, 6}, rgb.shape());
        assertEquals(rgb.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(0)),
                rgb.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(2)));
        // A constant image stays constant when resized.
        INDArray flat = Nd4j.valueArrayOf(new long[] {1, 3, 5, 5}, 0.25f);
        INDArray big = ImageBatches.resize(flat, 11, 7);
        assertEquals(0.25, big.minNumber().doubleValue(), 1e-6);
        assertEquals(0.25, big.maxNumber().doubleValue(), 1e-6);
        assertThrows(HashingException.class, () -> ImageBatches.adapt(Nd4j.zeros(1, 2, 4, 4), new int[] {3, 4, 4}));
    }
}
