package io.qat4j.runtime.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Which arrays the kernels read in place, and that the buffers start at the first value. */
class MemoryTest {

  @Test
  void denseArraysAreReadInPlaceFromTheirFirstValue() {
    INDArray x = Nd4j.arange(24).castTo(DataType.FLOAT).reshape(2, 3, 4);
    INDArray slice = x.slice(1);
    assertTrue(Memory.isDense(slice));
    assertSame(slice, Memory.dense(slice));
    float[] values = new float[12];
    Memory.floats(slice).get(0, values);
    assertArrayEquals(slice.dup().data().asFloat(), values, 0f);
    INDArray ones = Nd4j.ones(DataType.DOUBLE, 1, 1, 5, 5);
    assertTrue(Memory.isDense(ones), "size-1 axes have any stride");
  }

  @Test
  void stridedViewsAndOtherTypesAreCopiedFirst() {
    INDArray x = Nd4j.arange(24).castTo(DataType.DOUBLE).reshape(4, 6);
    INDArray columns = x.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3));
    assertFalse(Memory.isDense(columns));
    assertFalse(Memory.isDense(x.dup('f')));
    assertFalse(Memory.isDense(x.castTo(DataType.FLOAT16)));
    INDArray copy = Memory.dense(columns);
    assertTrue(Memory.isDense(copy));
    double[] values = new double[8];
    Memory.doubles(copy).get(0, values);
    assertArrayEquals(columns.dup('c').data().asDouble(), values, 0);
  }
}
