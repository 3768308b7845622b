package io.qat4j.runtime.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Recycled buffers come back for arrays of the same type and length, and only then. */
class ArrayPoolTest {

  @Test
  void aRecycledBufferServesTheNextArrayOfItsTypeAndLength() {
    ArrayPool.clear();
    INDArray a = ArrayPool.createUninitialized(DataType.FLOAT, 3, 4);
    ArrayPool.recycle(a);
    INDArray b = ArrayPool.createUninitialized(DataType.FLOAT, 2, 6);
    assertSame(ArrayPool.root(a), ArrayPool.root(b));
    assertArrayEquals(new long[] {2, 6}, b.shape());
    assertTrue(Memory.isDense(b));
    assertFalse(b.isView());
    // Another type or length gets its own memory.
    ArrayPool.recycle(b);
    assertFalse(ArrayPool.root(ArrayPool.createUninitialized(DataType.DOUBLE, 12))
        == ArrayPool.root(b));
    assertFalse(ArrayPool.root(ArrayPool.createUninitialized(DataType.FLOAT, 13))
        == ArrayPool.root(b));
    ArrayPool.clear();
  }

  @Test
  void zerosAreZeroEvenFromARecycledBuffer() {
    ArrayPool.clear();
    INDArray a = ArrayPool.createUninitialized(DataType.DOUBLE, 5);
    a.assign(7);
    ArrayPool.recycle(a);
    INDArray z = ArrayPool.zeros(DataType.DOUBLE, 5);
    assertSame(ArrayPool.root(a), ArrayPool.root(z));
    assertArrayEquals(new double[5], z.toDoubleVector(), 0);
    ArrayPool.clear();
  }

  @Test
  void arraysSharingAKeptAllocationAreNotRecycled() {
    ArrayPool.clear();
    INDArray owner = Nd4j.create(DataType.FLOAT, 4, 4);
    INDArray view = owner.reshape(16);
    ArrayPool.recycle(view, owner);
    INDArray next = ArrayPool.createUninitialized(DataType.FLOAT, 16);
    assertFalse(ArrayPool.root(next) == ArrayPool.root(owner));
    ArrayPool.recycle((INDArray) null);
    // A view's allocation is its original's, which is recycled once.
    ArrayPool.recycle(view);
    assertSame(ArrayPool.root(owner), ArrayPool.root(ArrayPool.createUninitialized(DataType.FLOAT, 16)));
    assertEquals(16, ArrayPool.root(view).length());
    ArrayPool.clear();
  }
}
