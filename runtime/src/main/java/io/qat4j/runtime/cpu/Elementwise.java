package io.qat4j.runtime.cpu;

import java.lang.ref.Reference;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * In-place element-wise updates of the optimizers: one pass over each tensor, in chunks shared
 * among {@link Parallel}'s threads, where array ops made six passes and as many temporaries.
 * Arithmetic runs in the tensors' type in the order of the formulas given, as the array ops did.
 */
public final class Elementwise {
  private static final int CHUNK = 1 << 14;

  private Elementwise() {}

  /**
   * One Adam step: {@code m = m·β₁ + g·(1−β₁)}, {@code v = v·β₂ + (g·g)·(1−β₂)}, {@code p = p −
   * (m / (√v + epsilonHat))·stepSize}, every constant rounded to the tensors' type.
   *
   * @return false, doing nothing, unless all four tensors are dense, of one type (float or
   *     double) and length
   */
  public static boolean adam(INDArray p, INDArray g, INDArray m, INDArray v, double beta1,
      double beta2, double epsilonHat, double stepSize) {
    if (!compatible(p, g, m, v)) {
      return false;
    }
    long length = p.length();
    int tasks = Parallel.chunks(length, CHUNK);
    if (p.dataType() == DataType.FLOAT) {
      FloatBuffer pb = Memory.floats(p);
      FloatBuffer gb = Memory.floats(g);
      FloatBuffer mb = Memory.floats(m);
      FloatBuffer vb = Memory.floats(v);
      float b1 = (float) beta1;
      float c1 = (float) (1 - beta1);
      float b2 = (float) beta2;
      float c2 = (float) (1 - beta2);
      float eps = (float) epsilonHat;
      float step = (float) stepSize;
      Parallel.forEach(tasks, (t, worker) -> {
        int start = t * CHUNK;
        int len = (int) Math.min(CHUNK, length - start);
        Scratch s = Scratch.get();
        float[] ph = s.floats(0, len);
        float[] gh = s.floats(1, len);
        float[] mh = s.floats(2, len);
        float[] vh = s.floats(3, len);
        pb.get(start, ph, 0, len);
        gb.get(start, gh, 0, len);
        mb.get(start, mh, 0, len);
        vb.get(start, vh, 0, len);
        for (int i = 0; i < len; i++) {
          float gi = gh[i];
          float mi = mh[i] * b1 + gi * c1;
          float vi = vh[i] * b2 + (gi * gi) * c2;
          mh[i] = mi;
          vh[i] = vi;
          ph[i] = ph[i] - (mi / ((float) Math.sqrt(vi) + eps)) * step;
        }
        pb.put(start, ph, 0, len);
        mb.put(start, mh, 0, len);
        vb.put(start, vh, 0, len);
      });
    } else {
      DoubleBuffer pb = Memory.doubles(p);
      DoubleBuffer gb = Memory.doubles(g);
      DoubleBuffer mb = Memory.doubles(m);
      DoubleBuffer vb = Memory.doubles(v);
      double c1 = 1 - beta1;
      double c2 = 1 - beta2;
      Parallel.forEach(tasks, (t, worker) -> {
        int start = t * CHUNK;
        int len = (int) Math.min(CHUNK, length - start);
        Scratch s = Scratch.get();
        double[] ph = s.doubles(0, len);
        double[] gh = s.doubles(1, len);
        double[] mh = s.doubles(2, len);
        double[] vh = s.doubles(3, len);
        pb.get(start, ph, 0, len);
        gb.get(start, gh, 0, len);
        mb.get(start, mh, 0, len);
        vb.get(start, vh, 0, len);
        for (int i = 0; i < len; i++) {
          double gi = gh[i];
          double mi = mh[i] * beta1 + gi * c1;
          double vi = vh[i] * beta2 + (gi * gi) * c2;
          mh[i] = mi;
          vh[i] = vi;
          ph[i] = ph[i] - (mi / (Math.sqrt(vi) + epsilonHat)) * stepSize;
        }
        pb.put(start, ph, 0, len);
        mb.put(start, mh, 0, len);
        vb.put(start, vh, 0, len);
      });
    }
    Reference.reachabilityFence(p);
    Reference.reachabilityFence(g);
    Reference.reachabilityFence(m);
    Reference.reachabilityFence(v);
    return true;
  }

  /**
   * One step of SGD with momentum: {@code v = v·μ + g}, {@code p = p − v·lr}, the constants
   * rounded to the tensors' type.
   *
   * @return false, doing nothing, unless all three tensors are dense, of one type (float or
   *     double) and length
   */
  public static boolean sgdMomentum(
      INDArray p, INDArray g, INDArray v, double momentum, double learningRate) {
    if (!compatible(p, g, v, v)) {
      return false;
    }
    long length = p.length();
    int tasks = Parallel.chunks(length, CHUNK);
    if (p.dataType() == DataType.FLOAT) {
      FloatBuffer pb = Memory.floats(p);
      FloatBuffer gb = Memory.floats(g);
      FloatBuffer vb = Memory.floats(v);
      float mu = (float) momentum;
      float lr = (float) learningRate;
      Parallel.forEach(tasks, (t, worker) -> {
        int start = t * CHUNK;
        int len = (int) Math.min(CHUNK, length - start);
        Scratch s = Scratch.get();
        float[] ph = s.floats(0, len);
        float[] gh = s.floats(1, len);
        float[] vh = s.floats(2, len);
        pb.get(start, ph, 0, len);
        gb.get(start, gh, 0, len);
        vb.get(start, vh, 0, len);
        for (int i = 0; i < len; i++) {
          float vi = vh[i] * mu + gh[i];
          vh[i] = vi;
          ph[i] = ph[i] - vi * lr;
        }
        pb.put(start, ph, 0, len);
        vb.put(start, vh, 0, len);
      });
    } else {
      DoubleBuffer pb = Memory.doubles(p);
      DoubleBuffer gb = Memory.doubles(g);
      DoubleBuffer vb = Memory.doubles(v);
      Parallel.forEach(tasks, (t, worker) -> {
        int start = t * CHUNK;
        int len = (int) Math.min(CHUNK, length - start);
        Scratch s = Scratch.get();
        double[] ph = s.doubles(0, len);
        double[] gh = s.doubles(1, len);
        double[] vh = s.doubles(2, len);
        pb.get(start, ph, 0, len);
        gb.get(start, gh, 0, len);
        vb.get(start, vh, 0, len);
        for (int i = 0; i < len; i++) {
          double vi = vh[i] * momentum + gh[i];
          vh[i] = vi;
          ph[i] = ph[i] - vi * learningRate;
        }
        pb.put(start, ph, 0, len);
        vb.put(start, vh, 0, len);
      });
    }
    Reference.reachabilityFence(p);
    Reference.reachabilityFence(g);
    Reference.reachabilityFence(v);
    return true;
  }

  private static boolean compatible(INDArray a, INDArray b, INDArray c, INDArray d) {
    DataType type = a.dataType();
    if (!Memory.isKernelType(type) || a.length() > Integer.MAX_VALUE) {
      return false;
    }
    for (INDArray x : new INDArray[] {a, b, c, d}) {
      if (x.dataType() != type || x.length() != a.length() || !Memory.isDense(x)) {
        return false;
      }
    }
    return true;
  }
}
