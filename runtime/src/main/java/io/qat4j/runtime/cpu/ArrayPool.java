package io.qat4j.runtime.cpu;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Native buffers of dead arrays, handed out again for new arrays of the same type and length.
 *
 * <p>A training step creates tens of megabytes of arrays (activations, gradients) and the next
 * step creates the same again. Left to the garbage collector, every one of them is fresh memory
 * from the operating system, whose first touch page-faults: about half a millisecond per
 * megabyte, more than the arithmetic of the element-wise layers. Freeing them at once does not
 * help much either, as the C allocator returns large blocks to the system. Kept here, the same
 * few buffers cycle through the steps warm.
 *
 * <p>Only whoever knows an array is dead may {@link #recycle} its buffer: {@link
 * io.qat4j.runtime.graph.Network} does for the arrays that pass between its nodes. The pool keeps
 * at most {@code qat4j.arrayPoolMegabytes} megabytes (system property, default 512; 0 turns
 * pooling off) and closes buffers beyond that.
 */
public final class ArrayPool {
  private static final long CAPACITY = capacity();
  private static final int PER_SIZE = 32;
  private static final Map<Key, ArrayDeque<DataBuffer>> FREE = new HashMap<>();
  private static long pooledBytes;

  private ArrayPool() {}

  private record Key(DataType type, long length) {}

  /**
   * A C-order array of {@code shape}, contents undefined: a recycled buffer of the right type and
   * length if there is one, else new memory.
   */
  public static INDArray createUninitialized(DataType type, long... shape) {
    long length = 1;
    for (long d : shape) {
      length *= d;
    }
    DataBuffer buffer = take(type, length);
    if (buffer == null) {
      return Nd4j.createUninitialized(type, shape);
    }
    return Nd4j.create(buffer, shape, cOrderStrides(shape), 0, 'c');
  }

  /** As {@link #createUninitialized}, filled with zeros. */
  public static INDArray zeros(DataType type, long... shape) {
    long length = 1;
    for (long d : shape) {
      length *= d;
    }
    DataBuffer buffer = take(type, length);
    if (buffer == null) {
      return Nd4j.create(type, shape);
    }
    INDArray a = Nd4j.create(buffer, shape, cOrderStrides(shape), 0, 'c');
    return a.assign(0);
  }

  /**
   * Takes the buffer of a dead array for reuse (or closes it when the pool is full). The caller
   * guarantees that no array sharing {@code buffer} is used again.
   */
  public static void recycle(DataBuffer buffer) {
    if (buffer == null || !buffer.closeable() || buffer.originalDataBuffer() != null) {
      return;
    }
    long bytes = buffer.length() * buffer.getElementSize();
    synchronized (FREE) {
      if (pooledBytes + bytes <= CAPACITY) {
        ArrayDeque<DataBuffer> list =
            FREE.computeIfAbsent(new Key(buffer.dataType(), buffer.length()), k -> new ArrayDeque<>());
        if (list.size() < PER_SIZE) {
          list.push(buffer);
          pooledBytes += bytes;
          return;
        }
      }
    }
    buffer.close();
  }

  /**
   * Recycles the allocation of {@code array} (that of its original, for a view) unless it is
   * shared with one of {@code keep}; does nothing for null. The caller guarantees that no array
   * sharing that allocation is used again.
   */
  public static void recycle(INDArray array, INDArray... keep) {
    if (array == null || array.isEmpty() || array.wasClosed() || array.isAttached()) {
      return;
    }
    DataBuffer root = root(array);
    for (INDArray k : keep) {
      if (k != null && !k.isEmpty() && root(k) == root) {
        return;
      }
    }
    recycle(root);
  }

  /** The allocation an array's values live in: its own buffer, or its original's for a view. */
  public static DataBuffer root(INDArray array) {
    DataBuffer d = array.data();
    DataBuffer original = d.originalDataBuffer();
    return original != null ? original : d;
  }

  /** Closes every pooled buffer. */
  public static void clear() {
    synchronized (FREE) {
      for (ArrayDeque<DataBuffer> list : FREE.values()) {
        for (DataBuffer b : list) {
          b.close();
        }
      }
      FREE.clear();
      pooledBytes = 0;
    }
  }

  private static DataBuffer take(DataType type, long length) {
    if (CAPACITY == 0) {
      return null;
    }
    synchronized (FREE) {
      ArrayDeque<DataBuffer> list = FREE.get(new Key(type, length));
      if (list == null || list.isEmpty()) {
        return null;
      }
      DataBuffer b = list.pop();
      pooledBytes -= b.length() * b.getElementSize();
      return b;
    }
  }

  private static long[] cOrderStrides(long[] shape) {
    long[] strides = new long[shape.length];
    long s = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      strides[i] = s;
      s *= Math.max(shape[i], 1);
    }
    return strides;
  }

  private static long capacity() {
    String value = System.getProperty("qat4j.arrayPoolMegabytes");
    long mb = 512;
    if (value != null && !value.isBlank()) {
      mb = Long.parseLong(value.trim());
    }
    return Math.max(0, mb) << 20;
  }
}
