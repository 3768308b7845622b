package io.qat4j.runtime.layers;

import io.qat4j.annotation.Activation;
import io.qat4j.runtime.cpu.ArrayPool;
import io.qat4j.runtime.cpu.Memory;
import io.qat4j.runtime.cpu.Parallel;
import io.qat4j.runtime.cpu.Scratch;
import java.lang.ref.Reference;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The activations a layer can fuse (and the ReLU/ReLU6 layers themselves), forward and backward.
 * The backward reads the activation's output, not its input: {@code y > 0} exactly where
 * {@code x > 0}, and {@code 0 < y < 6} exactly where {@code 0 < x < 6}, so the layer need not
 * keep both.
 *
 * <p>Java loops over chunks of the tensor, shared among {@link Parallel}'s threads: {@code
 * relu(x) = max(x, 0)}, {@code relu6(x) = min(max(x, 0), 6)} with {@link Math#max} and {@link
 * Math#min} (which compile to branch-free vector code; a data-dependent branch mispredicts on
 * every other element), and the gradient passes where {@code y > 0} (and {@code y < 6}), selected
 * with bit masks for the same reason. As in libnd4j, {@code relu(NaN)} is NaN and {@code
 * relu6(NaN)} is 6. The only difference from libnd4j is the sign of a zero: {@code relu(−0.0)}
 * is {@code +0.0} here.
 */
public final class ActivationKernels {
  /** Elements per task: 128 KB of floats, which stays in the core's cache. */
  static final int CHUNK = 1 << 15;

  private ActivationKernels() {}

  /** {@code activation(x)} as a new array ({@code x} itself for {@link Activation#NONE}). */
  public static INDArray forward(Activation activation, INDArray x) {
    if (activation == Activation.NONE) {
      return x;
    }
    INDArray in = Memory.dense(kernelType(x));
    INDArray out = ArrayPool.createUninitialized(in.dataType(), in.shape());
    map(activation, in, out);
    Reference.reachabilityFence(in);
    return castBack(out, x.dataType());
  }

  /** {@code activation(x)}, overwriting {@code x}: for a layer's own freshly computed output. */
  static INDArray forwardInPlace(Activation activation, INDArray x) {
    if (activation == Activation.NONE) {
      return x;
    }
    if (!Memory.isDense(x)) {
      return forward(activation, x);
    }
    map(activation, x, x);
    return x;
  }

  /**
   * The gradient with respect to the activation's input, given its {@code output} and the
   * gradient with respect to that output. The derivative at the kinks (0 and 6) is taken as 0.
   */
  public static INDArray backward(Activation activation, INDArray output, INDArray gradOut) {
    if (activation == Activation.NONE) {
      return gradOut;
    }
    Tensors.requireSameType(activation.name(), gradOut, "output", output);
    if (!java.util.Arrays.equals(output.shape(), gradOut.shape())) {
      throw new IllegalArgumentException(activation.name() + " gradient of shape "
          + java.util.Arrays.toString(gradOut.shape()) + " for an output of shape "
          + java.util.Arrays.toString(output.shape()));
    }
    INDArray y = Memory.dense(kernelType(output));
    INDArray g = Memory.dense(kernelType(gradOut));
    INDArray out = ArrayPool.createUninitialized(y.dataType(), y.shape());
    boolean six = activation == Activation.RELU6;
    long length = y.length();
    int tasks = Parallel.chunks(length, CHUNK);
    if (y.dataType() == DataType.FLOAT) {
      FloatBuffer yb = Memory.floats(y);
      FloatBuffer gb = Memory.floats(g);
      FloatBuffer ob = Memory.floats(out);
      Parallel.forEach(tasks, (t, worker) -> {
        int start = t * CHUNK;
        int len = (int) Math.min(CHUNK, length - start);
        Scratch s = Scratch.get();
        float[] a = s.floats(0, len);
        float[] b = s.floats(1, len);
        yb.get(start, a, 0, len);
        gb.get(start, b, 0, len);
        // y > 0 exactly when its bits, read as an int, lie in (0, +inf]; y < 6 when below 6's.
        int upper = Float.floatToRawIntBits(six ? 6f : Float.POSITIVE_INFINITY) + (six ? 0 : 1);
        for (int i = 0; i < len; i++) {
          int bits = Float.floatToRawIntBits(a[i]);
          int pass = (-bits >> 31) & ((bits - upper) >> 31);
          a[i] = Float.intBitsToFloat(Float.floatToRawIntBits(b[i]) & pass);
        }
        ob.put(start, a, 0, len);
      });
    } else {
      DoubleBuffer yb = Memory.doubles(y);
      DoubleBuffer gb = Memory.doubles(g);
      DoubleBuffer ob = Memory.doubles(out);
      Parallel.forEach(tasks, (t, worker) -> {
        int start = t * CHUNK;
        int len = (int) Math.min(CHUNK, length - start);
        Scratch s = Scratch.get();
        double[] a = s.doubles(0, len);
        double[] b = s.doubles(1, len);
        yb.get(start, a, 0, len);
        gb.get(start, b, 0, len);
        long upper = Double.doubleToRawLongBits(six ? 6d : Double.POSITIVE_INFINITY) + (six ? 0 : 1);
        for (int i = 0; i < len; i++) {
          long bits = Double.doubleToRawLongBits(a[i]);
          long pass = (-bits >> 63) & ((bits - upper) >> 63);
          a[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(b[i]) & pass);
        }
        ob.put(start, a, 0, len);
      });
    }
    Reference.reachabilityFence(y);
    Reference.reachabilityFence(g);
    return castBack(out, gradOut.dataType());
  }

  /** Writes {@code activation(in)} into {@code out} (which may be {@code in}); both dense. */
  private static void map(Activation activation, INDArray in, INDArray out) {
    boolean six = activation == Activation.RELU6;
    long length = in.length();
    int tasks = Parallel.chunks(length, CHUNK);
    if (in.dataType() == DataType.FLOAT) {
      FloatBuffer ib = Memory.floats(in);
      FloatBuffer ob = Memory.floats(out);
      Parallel.forEach(tasks, (t, worker) -> {
        int start = t * CHUNK;
        int len = (int) Math.min(CHUNK, length - start);
        float[] a = Scratch.get().floats(0, len);
        ib.get(start, a, 0, len);
        if (six) {
          for (int i = 0; i < len; i++) {
            a[i] = Math.min(Math.max(a[i], 0f), 6f);
          }
          for (int i = 0; i < len; i++) {
            if (a[i] != a[i]) {
              a[i] = 6f;
            }
          }
        } else {
          for (int i = 0; i < len; i++) {
            a[i] = Math.max(a[i], 0f);
          }
        }
        ob.put(start, a, 0, len);
      });
    } else {
      DoubleBuffer ib = Memory.doubles(in);
      DoubleBuffer ob = Memory.doubles(out);
      Parallel.forEach(tasks, (t, worker) -> {
        int start = t * CHUNK;
        int len = (int) Math.min(CHUNK, length - start);
        double[] a = Scratch.get().doubles(0, len);
        ib.get(start, a, 0, len);
        if (six) {
          for (int i = 0; i < len; i++) {
            a[i] = Math.min(Math.max(a[i], 0d), 6d);
          }
          for (int i = 0; i < len; i++) {
            if (a[i] != a[i]) {
              a[i] = 6d;
            }
          }
        } else {
          for (int i = 0; i < len; i++) {
            a[i] = Math.max(a[i], 0d);
          }
        }
        ob.put(start, a, 0, len);
      });
    }
  }

  /** {@code x}, or a float copy when the kernels do not compute in its type. */
  private static INDArray kernelType(INDArray x) {
    return Memory.isKernelType(x.dataType()) ? x : x.castTo(DataType.FLOAT);
  }

  private static INDArray castBack(INDArray x, DataType type) {
    return x.dataType() == type ? x : x.castTo(type);
  }
}
