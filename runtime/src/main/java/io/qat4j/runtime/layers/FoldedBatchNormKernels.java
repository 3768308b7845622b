package io.qat4j.runtime.layers;

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
 * The per-channel part of a Conv2D, DepthwiseConv2D or Dense with a BatchNorm folded in for
 * quantization-aware training (see the QAT runtime's folded op): from the output {@code raw} of
 * the layer run with the scaled weight, {@code u = raw / s} per channel, {@code v = u + b} (with
 * the layer's bias, if any), then BatchNorm of {@code v}. One task per channel, each gathering its
 * channel once; the arithmetic and its order are those of the array ops this replaces, in the
 * batch's type, with per-channel sums accumulated in double.
 *
 * <p>Per-channel values travel as double arrays; for a float batch they hold float values.
 */
public final class FoldedBatchNormKernels {
  private static final int RAW = 0;
  private static final int GRAD = 1;
  private static final int XHAT = 2;

  private FoldedBatchNormKernels() {}

  /**
   * {@code y = ((raw / s + b) − mean) · invStd · gamma + beta}, {@code invStd = 1 / sqrt(var +
   * epsilon)}.
   *
   * @param bias {@code b}, or null for none
   * @param batchStatistics whether to compute {@code mean} and the biased {@code var} of {@code
   *     v} (writing them into those arrays) rather than read them from there
   * @param invStd receives the {@code invStd} used
   */
  public static INDArray forward(INDArray raw, double[] scale, double[] bias,
      boolean batchStatistics, double[] mean, double[] var, double epsilon, double[] gamma,
      double[] beta, double[] invStd) {
    if (!Memory.isKernelType(raw.dataType())) {
      return forward(raw.castTo(DataType.FLOAT), scale, bias, batchStatistics, mean, var, epsilon,
          gamma, beta, invStd).castTo(raw.dataType());
    }
    INDArray in = Memory.dense(raw);
    ChannelBlocks blocks = new ChannelBlocks(in);
    INDArray out = ArrayPool.createUninitialized(in.dataType(), in.shape());
    int count = blocks.count();
    if (in.dataType() == DataType.FLOAT) {
      FloatBuffer xb = Memory.floats(in);
      FloatBuffer ob = Memory.floats(out);
      float eps = (float) epsilon;
      Parallel.forEach(blocks.channels, (c, worker) -> {
        float[] v = Scratch.get().floats(RAW, count);
        blocks.load(xb, c, v);
        float sc = (float) scale[c];
        if (bias == null) {
          for (int i = 0; i < count; i++) {
            v[i] = v[i] / sc;
          }
        } else {
          float b = (float) bias[c];
          for (int i = 0; i < count; i++) {
            v[i] = v[i] / sc + b;
          }
        }
        BatchNormKernels.normalize(
            v, count, c, batchStatistics, mean, var, eps, gamma, beta, invStd);
        blocks.store(v, c, ob);
      });
    } else {
      DoubleBuffer xb = Memory.doubles(in);
      DoubleBuffer ob = Memory.doubles(out);
      Parallel.forEach(blocks.channels, (c, worker) -> {
        double[] v = Scratch.get().doubles(RAW, count);
        blocks.load(xb, c, v);
        double sc = scale[c];
        if (bias == null) {
          for (int i = 0; i < count; i++) {
            v[i] = v[i] / sc;
          }
        } else {
          double b = bias[c];
          for (int i = 0; i < count; i++) {
            v[i] = v[i] / sc + b;
          }
        }
        BatchNormKernels.normalize(v, count, c, batchStatistics, mean, var, epsilon, gamma, beta,
            invStd);
        blocks.store(v, c, ob);
      });
    }
    Reference.reachabilityFence(in);
    return out;
  }

  /**
   * The gradient with respect to {@code raw} of {@link #forward}, given the output gradient
   * {@code g} and the per-channel values the forward used. With {@code u = raw / s}, {@code x̂ =
   * (u + b − mean) · invStd} and {@code ns = gamma · invStd}, the gradient with respect to {@code
   * v} is {@code gv = ((g − Σg/n) − x̂ · Σ(g·x̂)/n) · ns} under batch statistics and {@code g · ns}
   * under fixed ones; the result is {@code gv / s}.
   *
   * @param sumG receives {@code Σ g} per channel (the gradient of beta)
   * @param sumGxhat receives {@code Σ g · x̂} per channel
   * @param sumGv receives {@code Σ gv} per channel (the gradient of the bias)
   * @param sumGvU receives {@code Σ gv · u} per channel
   */
  public static INDArray backward(INDArray raw, INDArray g, double[] scale, double[] bias,
      boolean batchStatistics, double[] mean, double[] invStd, double[] gamma, double[] sumG,
      double[] sumGxhat, double[] sumGv, double[] sumGvU) {
    if (!Memory.isKernelType(raw.dataType())) {
      return backward(raw.castTo(DataType.FLOAT), g.castTo(DataType.FLOAT), scale, bias,
          batchStatistics, mean, invStd, gamma, sumG, sumGxhat, sumGv, sumGvU)
          .castTo(raw.dataType());
    }
    INDArray in = Memory.dense(raw);
    INDArray dy = Memory.dense(g);
    ChannelBlocks blocks = new ChannelBlocks(in);
    INDArray out = ArrayPool.createUninitialized(in.dataType(), in.shape());
    int count = blocks.count();
    if (in.dataType() == DataType.FLOAT) {
      FloatBuffer xb = Memory.floats(in);
      FloatBuffer gb = Memory.floats(dy);
      FloatBuffer ob = Memory.floats(out);
      Parallel.forEach(blocks.channels, (c, worker) -> {
        Scratch scratch = Scratch.get();
        float[] u = scratch.floats(RAW, count);
        float[] d = scratch.floats(GRAD, count);
        float[] xhat = scratch.floats(XHAT, count);
        blocks.load(xb, c, u);
        blocks.load(gb, c, d);
        float sc = (float) scale[c];
        float m = (float) mean[c];
        float inv = (float) invStd[c];
        // Simple loops, which compile to vector code.
        for (int i = 0; i < count; i++) {
          u[i] = u[i] / sc;
        }
        if (bias == null) {
          for (int i = 0; i < count; i++) {
            xhat[i] = (u[i] - m) * inv;
          }
        } else {
          float b = (float) bias[c];
          for (int i = 0; i < count; i++) {
            xhat[i] = (u[i] + b - m) * inv;
          }
        }
        double gSum = BatchNormKernels.sum(d, count);
        double gxSum = BatchNormKernels.dot(d, xhat, count);
        sumG[c] = gSum;
        sumGxhat[c] = gxSum;
        float ns = (float) gamma[c] * inv;
        if (batchStatistics) {
          float meanG = (float) (gSum / count);
          float meanGx = (float) (gxSum / count);
          for (int i = 0; i < count; i++) {
            d[i] = ((d[i] - meanG) - xhat[i] * meanGx) * ns;
          }
        } else {
          for (int i = 0; i < count; i++) {
            d[i] = d[i] * ns;
          }
        }
        sumGv[c] = BatchNormKernels.sum(d, count);
        sumGvU[c] = BatchNormKernels.dot(d, u, count);
        for (int i = 0; i < count; i++) {
          d[i] = d[i] / sc;
        }
        blocks.store(d, c, ob);
      });
    } else {
      DoubleBuffer xb = Memory.doubles(in);
      DoubleBuffer gb = Memory.doubles(dy);
      DoubleBuffer ob = Memory.doubles(out);
      Parallel.forEach(blocks.channels, (c, worker) -> {
        Scratch scratch = Scratch.get();
        double[] u = scratch.doubles(RAW, count);
        double[] d = scratch.doubles(GRAD, count);
        double[] xhat = scratch.doubles(XHAT, count);
        blocks.load(xb, c, u);
        blocks.load(gb, c, d);
        double sc = scale[c];
        double m = mean[c];
        double inv = invStd[c];
        for (int i = 0; i < count; i++) {
          u[i] = u[i] / sc;
        }
        if (bias == null) {
          for (int i = 0; i < count; i++) {
            xhat[i] = (u[i] - m) * inv;
          }
        } else {
          double b = bias[c];
          for (int i = 0; i < count; i++) {
            xhat[i] = (u[i] + b - m) * inv;
          }
        }
        double gSum = BatchNormKernels.sum(d, count);
        double gxSum = BatchNormKernels.dot(d, xhat, count);
        sumG[c] = gSum;
        sumGxhat[c] = gxSum;
        double ns = gamma[c] * inv;
        if (batchStatistics) {
          double meanG = gSum / count;
          double meanGx = gxSum / count;
          for (int i = 0; i < count; i++) {
            d[i] = ((d[i] - meanG) - xhat[i] * meanGx) * ns;
          }
        } else {
          for (int i = 0; i < count; i++) {
            d[i] = d[i] * ns;
          }
        }
        sumGv[c] = BatchNormKernels.sum(d, count);
        sumGvU[c] = BatchNormKernels.dot(d, u, count);
        for (int i = 0; i < count; i++) {
          d[i] = d[i] / sc;
        }
        blocks.store(d, c, ob);
      });
    }
    Reference.reachabilityFence(in);
    Reference.reachabilityFence(dy);
    return out;
  }
}
