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
 * BatchNorm over axis 1 of {@code [N, C, ...]} batches, one task per channel: each task gathers
 * its channel once, takes the statistics and writes the output, where separate array ops made
 * about eight passes over the batch and as many temporaries. Per-channel sums run in a fixed
 * order, in double (for a float batch: in float over blocks of 64 values, the blocks in double);
 * element-wise arithmetic runs in the batch's type, in the order of the formulas below.
 *
 * <p>Per-channel values ({@code mean}, {@code var}, {@code invStd}, {@code gamma}, ...) travel as
 * double arrays; for a float batch they hold float values.
 */
public final class BatchNormKernels {
  private static final int X = 0;
  private static final int G = 1;

  private BatchNormKernels() {}

  /**
   * {@code y = (x − mean) · invStd · gamma + beta} per channel, with {@code invStd = 1 / sqrt(var
   * + epsilon)}.
   *
   * @param batchStatistics whether to compute {@code mean} and the biased {@code var} from
   *     {@code x} (and write them into those arrays) rather than read them from there
   * @param invStd receives the {@code invStd} used
   */
  public static INDArray forward(INDArray x, boolean batchStatistics, double[] mean,
      double[] var, double epsilon, double[] gamma, double[] beta, double[] invStd) {
    if (!Memory.isKernelType(x.dataType())) {
      return forward(x.castTo(DataType.FLOAT), batchStatistics, mean, var, epsilon, gamma, beta,
          invStd).castTo(x.dataType());
    }
    INDArray in = Memory.dense(x);
    ChannelBlocks blocks = new ChannelBlocks(in);
    INDArray out = ArrayPool.createUninitialized(in.dataType(), in.shape());
    int count = blocks.count();
    if (in.dataType() == DataType.FLOAT) {
      FloatBuffer xb = Memory.floats(in);
      FloatBuffer ob = Memory.floats(out);
      float eps = (float) epsilon;
      Parallel.forEach(blocks.channels, (c, worker) -> {
        float[] v = Scratch.get().floats(X, count);
        blocks.load(xb, c, v);
        normalize(v, count, c, batchStatistics, mean, var, eps, gamma, beta, invStd);
        blocks.store(v, c, ob);
      });
    } else {
      DoubleBuffer xb = Memory.doubles(in);
      DoubleBuffer ob = Memory.doubles(out);
      Parallel.forEach(blocks.channels, (c, worker) -> {
        double[] v = Scratch.get().doubles(X, count);
        blocks.load(xb, c, v);
        normalize(v, count, c, batchStatistics, mean, var, epsilon, gamma, beta,
            invStd);
        blocks.store(v, c, ob);
      });
    }
    Reference.reachabilityFence(in);
    return out;
  }

  /**
   * The input gradient of {@link #forward}, given its input {@code x} and the per-channel {@code
   * mean} and {@code invStd} it used, and the output gradient {@code g}. With {@code x̂ = (x −
   * mean) · invStd} and {@code scale = gamma · invStd}: under batch statistics {@code dx = (g −
   * (x̂ · mean(g · x̂) + mean(g))) · scale}, the means per channel; under fixed statistics {@code
   * dx = g · scale}.
   *
   * @param gradGamma receives {@code Σ g · x̂} per channel
   * @param gradBeta receives {@code Σ g} per channel
   */
  public static INDArray backward(INDArray x, INDArray g, boolean batchStatistics, double[] mean,
      double[] invStd, double[] gamma, double[] gradGamma, double[] gradBeta) {
    if (!Memory.isKernelType(x.dataType())) {
      return backward(x.castTo(DataType.FLOAT), g.castTo(DataType.FLOAT), batchStatistics, mean,
          invStd, gamma, gradGamma, gradBeta).castTo(x.dataType());
    }
    INDArray in = Memory.dense(x);
    INDArray dy = Memory.dense(g);
    ChannelBlocks blocks = new ChannelBlocks(in);
    INDArray dx = ArrayPool.createUninitialized(in.dataType(), in.shape());
    int count = blocks.count();
    if (in.dataType() == DataType.FLOAT) {
      FloatBuffer xb = Memory.floats(in);
      FloatBuffer gb = Memory.floats(dy);
      FloatBuffer ob = Memory.floats(dx);
      Parallel.forEach(blocks.channels, (c, worker) -> {
        Scratch s = Scratch.get();
        float[] v = s.floats(X, count);
        float[] d = s.floats(G, count);
        blocks.load(xb, c, v);
        blocks.load(gb, c, d);
        float m = (float) mean[c];
        float inv = (float) invStd[c];
        for (int i = 0; i < count; i++) {
          v[i] = (v[i] - m) * inv;
        }
        double sumG = sum(d, count);
        double sumGx = dot(d, v, count);
        gradBeta[c] = sumG;
        gradGamma[c] = sumGx;
        float scale = (float) gamma[c] * inv;
        if (batchStatistics) {
          float meanG = (float) (sumG / count);
          float meanGx = (float) (sumGx / count);
          for (int i = 0; i < count; i++) {
            v[i] = (d[i] - (v[i] * meanGx + meanG)) * scale;
          }
        } else {
          for (int i = 0; i < count; i++) {
            v[i] = d[i] * scale;
          }
        }
        blocks.store(v, c, ob);
      });
    } else {
      DoubleBuffer xb = Memory.doubles(in);
      DoubleBuffer gb = Memory.doubles(dy);
      DoubleBuffer ob = Memory.doubles(dx);
      Parallel.forEach(blocks.channels, (c, worker) -> {
        Scratch s = Scratch.get();
        double[] v = s.doubles(X, count);
        double[] d = s.doubles(G, count);
        blocks.load(xb, c, v);
        blocks.load(gb, c, d);
        double m = mean[c];
        double inv = invStd[c];
        for (int i = 0; i < count; i++) {
          v[i] = (v[i] - m) * inv;
        }
        double sumG = sum(d, count);
        double sumGx = dot(d, v, count);
        gradBeta[c] = sumG;
        gradGamma[c] = sumGx;
        double scale = gamma[c] * inv;
        if (batchStatistics) {
          double meanG = sumG / count;
          double meanGx = sumGx / count;
          for (int i = 0; i < count; i++) {
            v[i] = (d[i] - (v[i] * meanGx + meanG)) * scale;
          }
        } else {
          for (int i = 0; i < count; i++) {
            v[i] = d[i] * scale;
          }
        }
        blocks.store(v, c, ob);
      });
    }
    Reference.reachabilityFence(in);
    Reference.reachabilityFence(dy);
    return dx;
  }

  /**
   * {@code Σ v[i]} over {@code [0, n)}: blocks of 64 summed in eight interleaved float partial
   * sums, the blocks in double. About three times faster than summing in double (the float adds
   * run in parallel and need no conversion) and within about 1e-7 of it relative to {@code Σ|v|}.
   */
  /**
   * Normalizes channel {@code c}'s values {@code v[0..count)} in place: {@code (v − mean) · invStd
   * · gamma + beta}, with batch statistics (written into {@code mean} and the biased {@code var})
   * or the given ones; writes the {@code invStd} used. Shared by BatchNorm and the folded
   * Conv+BatchNorm so both compute in the same order, to the bit.
   */
  static void normalize(float[] v, int count, int c, boolean batchStatistics, double[] mean,
      double[] var, float eps, double[] gamma, double[] beta, double[] invStd) {
    float m;
    float s;
    if (batchStatistics) {
      m = (float) (sum(v, count) / count);
      s = (float) (centredSquares(v, count, m) / count);
      mean[c] = m;
      var[c] = s;
    } else {
      m = (float) mean[c];
      s = (float) var[c];
    }
    float inv = (float) (1 / Math.sqrt(s + eps));
    invStd[c] = inv;
    float gm = (float) gamma[c];
    float bt = (float) beta[c];
    for (int i = 0; i < count; i++) {
      v[i] = (v[i] - m) * inv * gm + bt;
    }
  }

  /** The same normalization in double precision. */
  static void normalize(double[] v, int count, int c, boolean batchStatistics, double[] mean,
      double[] var, double epsilon, double[] gamma, double[] beta, double[] invStd) {
    double m;
    double s;
    if (batchStatistics) {
      m = sum(v, count) / count;
      s = centredSquares(v, count, m) / count;
      mean[c] = m;
      var[c] = s;
    } else {
      m = mean[c];
      s = var[c];
    }
    double inv = 1 / Math.sqrt(s + epsilon);
    invStd[c] = inv;
    double gm = gamma[c];
    double bt = beta[c];
    for (int i = 0; i < count; i++) {
      v[i] = (v[i] - m) * inv * gm + bt;
    }
  }

  static double sum(float[] v, int n) {
    double s = 0;
    int i = 0;
    for (; i + 64 <= n; i += 64) {
      float f0 = 0;
      float f1 = 0;
      float f2 = 0;
      float f3 = 0;
      float f4 = 0;
      float f5 = 0;
      float f6 = 0;
      float f7 = 0;
      for (int j = i; j < i + 64; j += 8) {
        f0 += v[j];
        f1 += v[j + 1];
        f2 += v[j + 2];
        f3 += v[j + 3];
        f4 += v[j + 4];
        f5 += v[j + 5];
        f6 += v[j + 6];
        f7 += v[j + 7];
      }
      s += ((f0 + f1) + (f2 + f3)) + ((f4 + f5) + (f6 + f7));
    }
    for (; i < n; i++) {
      s += v[i];
    }
    return s;
  }


  /** {@code Σ v[i]} over {@code [0, n)}, four interleaved partial sums. */
  static double sum(double[] v, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += v[i];
      s1 += v[i + 1];
      s2 += v[i + 2];
      s3 += v[i + 3];
    }
    for (; i < n; i++) {
      s0 += v[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** {@code Σ (v[i] − m)²}, the differences and squares in float, summed as {@link #sum}. */
  static double centredSquares(float[] v, int n, float m) {
    double s = 0;
    int i = 0;
    for (; i + 64 <= n; i += 64) {
      float f0 = 0;
      float f1 = 0;
      float f2 = 0;
      float f3 = 0;
      float f4 = 0;
      float f5 = 0;
      float f6 = 0;
      float f7 = 0;
      for (int j = i; j < i + 64; j += 8) {
        float d0 = v[j] - m;
        float d1 = v[j + 1] - m;
        float d2 = v[j + 2] - m;
        float d3 = v[j + 3] - m;
        float d4 = v[j + 4] - m;
        float d5 = v[j + 5] - m;
        float d6 = v[j + 6] - m;
        float d7 = v[j + 7] - m;
        f0 += d0 * d0;
        f1 += d1 * d1;
        f2 += d2 * d2;
        f3 += d3 * d3;
        f4 += d4 * d4;
        f5 += d5 * d5;
        f6 += d6 * d6;
        f7 += d7 * d7;
      }
      s += ((f0 + f1) + (f2 + f3)) + ((f4 + f5) + (f6 + f7));
    }
    for (; i < n; i++) {
      float d = v[i] - m;
      s += d * d;
    }
    return s;
  }


  /** {@code Σ (v[i] − m)²}. */
  static double centredSquares(double[] v, int n, double m) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      double d0 = v[i] - m;
      double d1 = v[i + 1] - m;
      double d2 = v[i + 2] - m;
      double d3 = v[i + 3] - m;
      s0 += d0 * d0;
      s1 += d1 * d1;
      s2 += d2 * d2;
      s3 += d3 * d3;
    }
    for (; i < n; i++) {
      double d = v[i] - m;
      s0 += d * d;
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** {@code Σ a[i] · b[i]}, the products in float, summed as {@link #sum}. */
  static double dot(float[] a, float[] b, int n) {
    double s = 0;
    int i = 0;
    for (; i + 64 <= n; i += 64) {
      float f0 = 0;
      float f1 = 0;
      float f2 = 0;
      float f3 = 0;
      float f4 = 0;
      float f5 = 0;
      float f6 = 0;
      float f7 = 0;
      for (int j = i; j < i + 64; j += 8) {
        f0 += a[j] * b[j];
        f1 += a[j + 1] * b[j + 1];
        f2 += a[j + 2] * b[j + 2];
        f3 += a[j + 3] * b[j + 3];
        f4 += a[j + 4] * b[j + 4];
        f5 += a[j + 5] * b[j + 5];
        f6 += a[j + 6] * b[j + 6];
        f7 += a[j + 7] * b[j + 7];
      }
      s += ((f0 + f1) + (f2 + f3)) + ((f4 + f5) + (f6 + f7));
    }
    for (; i < n; i++) {
      s += a[i] * b[i];
    }
    return s;
  }


  /** {@code Σ a[i] · b[i]}. */
  static double dot(double[] a, double[] b, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += a[i] * b[i];
      s1 += a[i + 1] * b[i + 1];
      s2 += a[i + 2] * b[i + 2];
      s3 += a[i + 3] * b[i + 3];
    }
    for (; i < n; i++) {
      s0 += a[i] * b[i];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
