package io.qat4j.runtime.cpu;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Direct access to the memory of ND4J arrays for the Java and BLAS kernels. An array is
 * <em>dense</em> when its values lie in C order one after the other from its data pointer;
 * kernels read and write only dense arrays and copy anything else first.
 *
 * <p>A caller must keep the array reachable while it uses a buffer or pointer obtained here.
 */
public final class Memory {
  private Memory() {}

  /** Whether the kernels take {@code x} as it is: float or double, C order, no gaps. */
  public static boolean isDense(INDArray x) {
    return !x.isEmpty()
        && (x.dataType() == DataType.FLOAT || x.dataType() == DataType.DOUBLE)
        && cOrderStrides(x.shape(), x.stride())
        && x.data().length() >= x.length();
  }

  /** Whether every axis longer than 1 has the stride of a C-order array of this shape. */
  private static boolean cOrderStrides(long[] shape, long[] stride) {
    long expected = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      if (shape[i] != 1 && stride[i] != expected) {
        return false;
      }
      expected *= shape[i];
    }
    return true;
  }

  /** Whether the kernels compute in {@code type} itself (float, double) rather than in float. */
  public static boolean isKernelType(DataType type) {
    return type == DataType.FLOAT || type == DataType.DOUBLE;
  }

  /** {@code x} itself when it is dense, else a dense copy. */
  public static INDArray dense(INDArray x) {
    return isDense(x) ? x : x.dup('c');
  }

  /** A buffer over the {@code x.length()} floats of the dense float array {@code x}. */
  public static FloatBuffer floats(INDArray x) {
    return floatPointer(x).asBuffer();
  }

  /** A buffer over the {@code x.length()} doubles of the dense double array {@code x}. */
  public static DoubleBuffer doubles(INDArray x) {
    return doublePointer(x).asBuffer();
  }

  /** A pointer to the first value of the dense float array {@code x}, sized to its length. */
  public static FloatPointer floatPointer(INDArray x) {
    require(x, DataType.FLOAT);
    FloatPointer p = new FloatPointer(x.data().addressPointer());
    p.position(0);
    p.capacity(x.length());
    p.limit(x.length());
    return p;
  }

  /** A pointer to the first value of the dense double array {@code x}, sized to its length. */
  public static DoublePointer doublePointer(INDArray x) {
    require(x, DataType.DOUBLE);
    DoublePointer p = new DoublePointer(x.data().addressPointer());
    p.position(0);
    p.capacity(x.length());
    p.limit(x.length());
    return p;
  }

  /** {@code p} moved {@code offset} elements on: a new pointer object, {@code p} unchanged. */
  public static FloatPointer at(FloatPointer p, long offset) {
    FloatPointer q = new FloatPointer((Pointer) p);
    q.position(p.position() + offset);
    return q;
  }

  /** {@code p} moved {@code offset} elements on: a new pointer object, {@code p} unchanged. */
  public static DoublePointer at(DoublePointer p, long offset) {
    DoublePointer q = new DoublePointer((Pointer) p);
    q.position(p.position() + offset);
    return q;
  }

  private static void require(INDArray x, DataType type) {
    if (x.dataType() != type || !isDense(x)) {
      throw new IllegalArgumentException("expected a dense " + type + " array, got "
          + x.dataType() + " " + x.shapeInfoToString().replace('\n', ' '));
    }
  }
}
