package io.qat4j.runtime.layers;

import io.qat4j.runtime.cpu.ArrayPool;
import io.qat4j.runtime.cpu.Blas;
import io.qat4j.runtime.cpu.Memory;
import io.qat4j.runtime.cpu.Parallel;
import java.lang.ref.Reference;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward and backward of a fully connected layer, {@code y = x · Wᵀ + b}, with the weight laid
 * out {@code [units, in]} as the int8 engine and ONNX export read it. Stateless, so a layer that
 * transforms its weight first can call them with the transformed weight.
 *
 * <p>The products go straight to BLAS ({@link Blas}), cut into a fixed number of column blocks
 * shared among {@link Parallel}'s threads.
 */
public final class DenseKernels {
  /**
   * Column blocks each product is cut into, for {@link Parallel}'s threads: fixed, so the result
   * does not depend on the thread count.
   */
  private static final int TASKS = 4;

  private DenseKernels() {}

  /**
   * The layer output.
   *
   * @param x input {@code [N, in]}
   * @param weight {@code [units, in]}
   * @param bias {@code [units]}, or {@code null} for none
   * @return {@code [N, units]}
   */
  public static INDArray dense(INDArray x, INDArray weight, INDArray bias) {
    check(x, weight);
    if (bias != null) {
      Tensors.requireSameType("Dense", x, "bias", bias);
      if (bias.length() != weight.size(0)) {
        throw new IllegalArgumentException("Dense bias has " + bias.length() + " values for "
            + weight.size(0) + " units");
      }
    }
    if (!Memory.isKernelType(x.dataType())) {
      INDArray out = Nd4j.gemm(x, weight, false, true);
      return bias == null ? out : out.addiRowVector(bias);
    }
    Blas.init();
    INDArray in = Memory.dense(x);
    INDArray w = Memory.dense(weight);
    int n = Math.toIntExact(in.size(0));
    int inputs = Math.toIntExact(in.size(1));
    int units = Math.toIntExact(w.size(0));
    INDArray out = ArrayPool.createUninitialized(in.dataType(), n, units);
    if (bias != null) {
      // The bias in every row, then the product added onto it.
      if (in.dataType() == DataType.FLOAT) {
        float[] b = bias.castTo(DataType.FLOAT).toFloatVector();
        java.nio.FloatBuffer ob = Memory.floats(out);
        for (int i = 0; i < n; i++) {
          ob.put(i * units, b);
        }
      } else {
        double[] b = bias.castTo(DataType.DOUBLE).toDoubleVector();
        java.nio.DoubleBuffer ob = Memory.doubles(out);
        for (int i = 0; i < n; i++) {
          ob.put(i * units, b);
        }
      }
    }
    double beta = bias == null ? 0 : 1;
    // y[:, u0:u1] = x · W[u0:u1]ᵀ: column blocks, each reading one block of weight rows.
    int tasks = Math.min(TASKS, units);
    int per = (units + tasks - 1) / tasks;
    if (in.dataType() == DataType.FLOAT) {
      FloatPointer xp = Memory.floatPointer(in);
      FloatPointer wp = Memory.floatPointer(w);
      FloatPointer op = Memory.floatPointer(out);
      Parallel.forEach(tasks, (t, worker) -> {
        int u0 = t * per;
        int u1 = Math.min(units, u0 + per);
        if (u0 < u1) {
          Blas.gemm(false, true, n, u1 - u0, inputs, 1f, xp, 0, inputs, wp, (long) u0 * inputs,
              inputs, (float) beta, op, u0, units);
        }
      });
    } else {
      DoublePointer xp = Memory.doublePointer(in);
      DoublePointer wp = Memory.doublePointer(w);
      DoublePointer op = Memory.doublePointer(out);
      Parallel.forEach(tasks, (t, worker) -> {
        int u0 = t * per;
        int u1 = Math.min(units, u0 + per);
        if (u0 < u1) {
          Blas.gemm(false, true, n, u1 - u0, inputs, 1d, xp, 0, inputs, wp, (long) u0 * inputs,
              inputs, beta, op, u0, units);
        }
      });
    }
    Reference.reachabilityFence(in);
    Reference.reachabilityFence(w);
    return out;
  }

  /**
   * Gradients of {@link #dense} given {@code gradOut} {@code [N, units]}.
   *
   * @param withBias whether to return the bias gradient (the bias value itself is not needed)
   */
  public static KernelGradients denseBackward(
      INDArray x, INDArray weight, boolean withBias, INDArray gradOut) {
    check(x, weight);
    Tensors.requireRank("Dense", "output gradient", gradOut, 2);
    Tensors.requireSameType("Dense", x, "output gradient", gradOut);
    Tensors.requireDim("Dense", "an output gradient of batch", gradOut, 0, x.size(0));
    Tensors.requireDim("Dense", "an output gradient of units", gradOut, 1, weight.size(0));
    if (!Memory.isKernelType(x.dataType())) {
      INDArray gradIn = Nd4j.gemm(gradOut, weight, false, false);
      INDArray gradW = Nd4j.gemm(gradOut, x, true, false);
      return new KernelGradients(gradIn, gradW, withBias ? gradOut.sum(0) : null);
    }
    Blas.init();
    INDArray in = Memory.dense(x);
    INDArray w = Memory.dense(weight);
    INDArray g = Memory.dense(gradOut);
    int n = Math.toIntExact(in.size(0));
    int inputs = Math.toIntExact(in.size(1));
    int units = Math.toIntExact(w.size(0));
    INDArray gradIn = ArrayPool.createUninitialized(in.dataType(), n, inputs);
    INDArray gradW = ArrayPool.createUninitialized(in.dataType(), units, inputs);
    // dx[:, i0:i1] = g · W[:, i0:i1] and dW[:, i0:i1] = gᵀ · x[:, i0:i1]: column blocks of the
    // input axis, every output value computed by one product over the full inner axis.
    int tasks = Math.min(TASKS, inputs);
    int per = (inputs + tasks - 1) / tasks;
    if (in.dataType() == DataType.FLOAT) {
      FloatPointer xp = Memory.floatPointer(in);
      FloatPointer wp = Memory.floatPointer(w);
      FloatPointer gp = Memory.floatPointer(g);
      FloatPointer dxp = Memory.floatPointer(gradIn);
      FloatPointer dwp = Memory.floatPointer(gradW);
      Parallel.forEach(tasks, (t, worker) -> {
        int i0 = t * per;
        int i1 = Math.min(inputs, i0 + per);
        if (i0 < i1) {
          Blas.gemm(false, false, n, i1 - i0, units, 1f, gp, 0, units, wp, i0, inputs, 0f, dxp,
              i0, inputs);
          Blas.gemm(true, false, units, i1 - i0, n, 1f, gp, 0, units, xp, i0, inputs, 0f, dwp,
              i0, inputs);
        }
      });
    } else {
      DoublePointer xp = Memory.doublePointer(in);
      DoublePointer wp = Memory.doublePointer(w);
      DoublePointer gp = Memory.doublePointer(g);
      DoublePointer dxp = Memory.doublePointer(gradIn);
      DoublePointer dwp = Memory.doublePointer(gradW);
      Parallel.forEach(tasks, (t, worker) -> {
        int i0 = t * per;
        int i1 = Math.min(inputs, i0 + per);
        if (i0 < i1) {
          Blas.gemm(false, false, n, i1 - i0, units, 1d, gp, 0, units, wp, i0, inputs, 0d, dxp,
              i0, inputs);
          Blas.gemm(true, false, units, i1 - i0, n, 1d, gp, 0, units, xp, i0, inputs, 0d, dwp,
              i0, inputs);
        }
      });
    }
    Reference.reachabilityFence(in);
    Reference.reachabilityFence(w);
    Reference.reachabilityFence(g);
    return new KernelGradients(gradIn, gradW, withBias ? g.sum(0) : null);
  }

  private static void check(INDArray x, INDArray weight) {
    Tensors.requireRank("Dense", "input", x, 2);
    Tensors.requireRank("Dense", "weight", weight, 2);
    Tensors.requireSameType("Dense", x, "weight", weight);
    Tensors.requireDim("Dense", "a weight [units, in] matching the input", weight, 1, x.size(1));
  }
}
