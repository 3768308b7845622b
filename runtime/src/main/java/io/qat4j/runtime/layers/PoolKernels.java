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
 * MaxPool and AvgPool over the planes of {@code [N, C, H, W]} batches, in Java loops over chunks
 * of planes shared among {@link Parallel}'s threads, with libnd4j's semantics: under SAME padding
 * the padded positions never win a max and are not counted in an average; a max is the first
 * largest value in window order (rows, then columns), starting from the type's lowest finite
 * value, so NaN never wins; the max's gradient goes to that position only.
 *
 * <p>MaxPool forward records where each maximum came from, so backward is one scatter instead of
 * a second search (libnd4j's maxpool2d_bp searches every window again).
 */
final class PoolKernels {
  /** Planes per task. */
  private static final int PLANES = 32;

  private final ConvGeometry g;
  private final int height;
  private final int width;
  private final int outH;
  private final int outW;
  private final int top;
  private final int left;

  PoolKernels(ConvGeometry g, long height, long width) {
    this.g = g;
    this.height = Math.toIntExact(height);
    this.width = Math.toIntExact(width);
    this.outH = Math.toIntExact(g.outputHeight(height));
    this.outW = Math.toIntExact(g.outputWidth(width));
    this.top = Math.toIntExact(g.padTop(height));
    this.left = Math.toIntExact(g.padLeft(width));
  }

  /** Whether these kernels were built for planes of this size. */
  boolean fits(long h, long w) {
    return h == height && w == width;
  }

  /**
   * The pooled batch. For max pooling, {@code argmax} (of at least the output's length) receives
   * the index within its input plane of each maximum.
   */
  INDArray forward(INDArray x, boolean max, int[] argmax) {
    INDArray in = Memory.dense(x);
    int planes = Math.toIntExact(in.size(0) * in.size(1));
    INDArray out = ArrayPool.createUninitialized(in.dataType(), in.size(0), in.size(1), outH, outW);
    int inPlane = height * width;
    int outPlane = outH * outW;
    int tasks = Parallel.chunks(planes, PLANES);
    if (in.dataType() == DataType.FLOAT) {
      FloatBuffer xb = Memory.floats(in);
      FloatBuffer ob = Memory.floats(out);
      Parallel.forEach(tasks, (t, worker) -> {
        int first = t * PLANES;
        int count = Math.min(PLANES, planes - first);
        Scratch s = Scratch.get();
        float[] a = s.floats(0, count * inPlane);
        float[] o = s.floats(1, count * outPlane);
        xb.get(first * inPlane, a, 0, count * inPlane);
        for (int p = 0; p < count; p++) {
          poolPlane(a, p * inPlane, o, p * outPlane, max, argmax, (first + p) * outPlane);
        }
        ob.put(first * outPlane, o, 0, count * outPlane);
      });
    } else {
      DoubleBuffer xb = Memory.doubles(in);
      DoubleBuffer ob = Memory.doubles(out);
      Parallel.forEach(tasks, (t, worker) -> {
        int first = t * PLANES;
        int count = Math.min(PLANES, planes - first);
        Scratch s = Scratch.get();
        double[] a = s.doubles(0, count * inPlane);
        double[] o = s.doubles(1, count * outPlane);
        xb.get(first * inPlane, a, 0, count * inPlane);
        for (int p = 0; p < count; p++) {
          poolPlane(a, p * inPlane, o, p * outPlane, max, argmax, (first + p) * outPlane);
        }
        ob.put(first * outPlane, o, 0, count * outPlane);
      });
    }
    Reference.reachabilityFence(in);
    return out;
  }

  /**
   * The input gradient for output gradient {@code gradOut} {@code [N, C, outH, outW]}: for max
   * pooling each gradient goes to the position {@code argmax} recorded; for average pooling it is
   * shared equally among the real values of the window.
   */
  INDArray backward(INDArray gradOut, boolean max, int[] argmax) {
    INDArray gr = Memory.dense(gradOut);
    int planes = Math.toIntExact(gr.size(0) * gr.size(1));
    INDArray gradIn =
        ArrayPool.createUninitialized(gr.dataType(), gr.size(0), gr.size(1), height, width);
    int inPlane = height * width;
    int outPlane = outH * outW;
    int tasks = Parallel.chunks(planes, PLANES);
    if (gr.dataType() == DataType.FLOAT) {
      FloatBuffer gb = Memory.floats(gr);
      FloatBuffer ib = Memory.floats(gradIn);
      Parallel.forEach(tasks, (t, worker) -> {
        int first = t * PLANES;
        int count = Math.min(PLANES, planes - first);
        Scratch s = Scratch.get();
        float[] d = s.floats(0, count * inPlane);
        float[] o = s.floats(1, count * outPlane);
        gb.get(first * outPlane, o, 0, count * outPlane);
        java.util.Arrays.fill(d, 0, count * inPlane, 0f);
        for (int p = 0; p < count; p++) {
          int dOff = p * inPlane;
          int oOff = p * outPlane;
          if (max) {
            int am = (first + p) * outPlane;
            for (int j = 0; j < outPlane; j++) {
              d[dOff + argmax[am + j]] += o[oOff + j];
            }
          } else {
            spreadPlane(o, oOff, d, dOff);
          }
        }
        ib.put(first * inPlane, d, 0, count * inPlane);
      });
    } else {
      DoubleBuffer gb = Memory.doubles(gr);
      DoubleBuffer ib = Memory.doubles(gradIn);
      Parallel.forEach(tasks, (t, worker) -> {
        int first = t * PLANES;
        int count = Math.min(PLANES, planes - first);
        Scratch s = Scratch.get();
        double[] d = s.doubles(0, count * inPlane);
        double[] o = s.doubles(1, count * outPlane);
        gb.get(first * outPlane, o, 0, count * outPlane);
        java.util.Arrays.fill(d, 0, count * inPlane, 0d);
        for (int p = 0; p < count; p++) {
          int dOff = p * inPlane;
          int oOff = p * outPlane;
          if (max) {
            int am = (first + p) * outPlane;
            for (int j = 0; j < outPlane; j++) {
              d[dOff + argmax[am + j]] += o[oOff + j];
            }
          } else {
            spreadPlane(o, oOff, d, dOff);
          }
        }
        ib.put(first * inPlane, d, 0, count * inPlane);
      });
    }
    Reference.reachabilityFence(gr);
    return gradIn;
  }

  private void poolPlane(
      float[] a, int aOff, float[] o, int oOff, boolean max, int[] argmax, int amOff) {
    if (max) {
      maxPlane(a, aOff, o, oOff, argmax, amOff);
    } else {
      averagePlane(a, aOff, o, oOff);
    }
  }

  private void maxPlane(float[] a, int aOff, float[] o, int oOff, int[] argmax, int amOff) {
    int sh = g.strideH();
    int sw = g.strideW();
    int kh = g.kernelH();
    int kw = g.kernelW();
    int w = width;
    boolean twoByTwo = kh == 2 && kw == 2;
    for (int oy = 0; oy < outH; oy++) {
      int y0 = Math.max(0, oy * sh - top);
      int y1 = Math.min(height, oy * sh - top + kh);
      for (int ox = 0; ox < outW; ox++) {
        int x0 = Math.max(0, ox * sw - left);
        int x1 = Math.min(w, ox * sw - left + kw);
        int out = oOff + oy * outW + ox;
        int at = y0 * w + x0;
        if (twoByTwo && y1 - y0 == 2 && x1 - x0 == 2) {
          // A whole 2x2 window, without branches (one per comparison would mispredict about
          // once a window): the largest value by Math.max, then the first position holding it.
          int i = aOff + at;
          float v0 = a[i];
          float v1 = a[i + 1];
          float v2 = a[i + w];
          float v3 = a[i + w + 1];
          float m = Math.max(Math.max(Math.max(-Float.MAX_VALUE, v0), v1), Math.max(v2, v3));
          if (m == m) {
            int first = v2 == m ? at + w : at + w + 1;
            first = v1 == m ? at + 1 : first;
            first = v0 == m ? at : first;
            at = first;
            // The value itself: of +0.0 and −0.0 the first wins, as in a scan with >.
            float v = a[aOff + at];
            o[out] = v == m ? v : m;
            argmax[amOff + oy * outW + ox] = v == m ? at : y0 * w + x0;
            continue;
          }
          // NaN, which Math.max propagates and a scan with > skips: scan.
        }
        float best = -Float.MAX_VALUE;
        for (int y = y0; y < y1; y++) {
          for (int x = x0; x < x1; x++) {
            float v = a[aOff + y * w + x];
            if (v > best) {
              best = v;
              at = y * w + x;
            }
          }
        }
        o[out] = best;
        argmax[amOff + oy * outW + ox] = at;
      }
    }
  }

  private void averagePlane(float[] a, int aOff, float[] o, int oOff) {
    for (int oy = 0; oy < outH; oy++) {
      int y0 = Math.max(0, oy * g.strideH() - top);
      int y1 = Math.min(height, oy * g.strideH() - top + g.kernelH());
      for (int ox = 0; ox < outW; ox++) {
        int x0 = Math.max(0, ox * g.strideW() - left);
        int x1 = Math.min(width, ox * g.strideW() - left + g.kernelW());
        float sum = 0f;
        for (int y = y0; y < y1; y++) {
          for (int x = x0; x < x1; x++) {
            sum += a[aOff + y * width + x];
          }
        }
        o[oOff + oy * outW + ox] = sum / ((y1 - y0) * (x1 - x0));
      }
    }
  }

  private void poolPlane(
      double[] a, int aOff, double[] o, int oOff, boolean max, int[] argmax, int amOff) {
    if (max) {
      maxPlane(a, aOff, o, oOff, argmax, amOff);
    } else {
      averagePlane(a, aOff, o, oOff);
    }
  }

  private void maxPlane(double[] a, int aOff, double[] o, int oOff, int[] argmax, int amOff) {
    int sh = g.strideH();
    int sw = g.strideW();
    int kh = g.kernelH();
    int kw = g.kernelW();
    int w = width;
    boolean twoByTwo = kh == 2 && kw == 2;
    for (int oy = 0; oy < outH; oy++) {
      int y0 = Math.max(0, oy * sh - top);
      int y1 = Math.min(height, oy * sh - top + kh);
      for (int ox = 0; ox < outW; ox++) {
        int x0 = Math.max(0, ox * sw - left);
        int x1 = Math.min(w, ox * sw - left + kw);
        int out = oOff + oy * outW + ox;
        int at = y0 * w + x0;
        if (twoByTwo && y1 - y0 == 2 && x1 - x0 == 2) {
          // A whole 2x2 window, without branches (one per comparison would mispredict about
          // once a window): the largest value by Math.max, then the first position holding it.
          int i = aOff + at;
          double v0 = a[i];
          double v1 = a[i + 1];
          double v2 = a[i + w];
          double v3 = a[i + w + 1];
          double m = Math.max(Math.max(Math.max(-Double.MAX_VALUE, v0), v1), Math.max(v2, v3));
          if (m == m) {
            int first = v2 == m ? at + w : at + w + 1;
            first = v1 == m ? at + 1 : first;
            first = v0 == m ? at : first;
            at = first;
            // The value itself: of +0.0 and −0.0 the first wins, as in a scan with >.
            double v = a[aOff + at];
            o[out] = v == m ? v : m;
            argmax[amOff + oy * outW + ox] = v == m ? at : y0 * w + x0;
            continue;
          }
          // NaN, which Math.max propagates and a scan with > skips: scan.
        }
        double best = -Double.MAX_VALUE;
        for (int y = y0; y < y1; y++) {
          for (int x = x0; x < x1; x++) {
            double v = a[aOff + y * w + x];
            if (v > best) {
              best = v;
              at = y * w + x;
            }
          }
        }
        o[out] = best;
        argmax[amOff + oy * outW + ox] = at;
      }
    }
  }

  private void averagePlane(double[] a, int aOff, double[] o, int oOff) {
    for (int oy = 0; oy < outH; oy++) {
      int y0 = Math.max(0, oy * g.strideH() - top);
      int y1 = Math.min(height, oy * g.strideH() - top + g.kernelH());
      for (int ox = 0; ox < outW; ox++) {
        int x0 = Math.max(0, ox * g.strideW() - left);
        int x1 = Math.min(width, ox * g.strideW() - left + g.kernelW());
        double sum = 0d;
        for (int y = y0; y < y1; y++) {
          for (int x = x0; x < x1; x++) {
            sum += a[aOff + y * width + x];
          }
        }
        o[oOff + oy * outW + ox] = sum / ((y1 - y0) * (x1 - x0));
      }
    }
  }

  private void spreadPlane(float[] o, int oOff, float[] d, int dOff) {
    for (int oy = 0; oy < outH; oy++) {
      int y0 = Math.max(0, oy * g.strideH() - top);
      int y1 = Math.min(height, oy * g.strideH() - top + g.kernelH());
      for (int ox = 0; ox < outW; ox++) {
        int x0 = Math.max(0, ox * g.strideW() - left);
        int x1 = Math.min(width, ox * g.strideW() - left + g.kernelW());
        float share = o[oOff + oy * outW + ox] / ((y1 - y0) * (x1 - x0));
        for (int y = y0; y < y1; y++) {
          for (int x = x0; x < x1; x++) {
            d[dOff + y * width + x] += share;
          }
        }
      }
    }
  }

  private void spreadPlane(double[] o, int oOff, double[] d, int dOff) {
    for (int oy = 0; oy < outH; oy++) {
      int y0 = Math.max(0, oy * g.strideH() - top);
      int y1 = Math.min(height, oy * g.strideH() - top + g.kernelH());
      for (int ox = 0; ox < outW; ox++) {
        int x0 = Math.max(0, ox * g.strideW() - left);
        int x1 = Math.min(width, ox * g.strideW() - left + g.kernelW());
        double share = o[oOff + oy * outW + ox] / ((y1 - y0) * (x1 - x0));
        for (int y = y0; y < y1; y++) {
          for (int x = x0; x < x1; x++) {
            d[dOff + y * width + x] += share;
          }
        }
      }
    }
  }
}
