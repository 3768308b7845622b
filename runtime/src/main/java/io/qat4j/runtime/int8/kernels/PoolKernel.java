package io.qat4j.runtime.int8.kernels;

import io.qat4j.runtime.int8.Int8Pool;
import io.qat4j.runtime.layers.ConvGeometry;

/**
 * MaxPool, AvgPool and GlobalAvgPool on the int8 codes of one example: input {@code [C, H, W]},
 * output {@code [C, OH, OW]} (or {@code [C]} for a global pool, the same codes as {@code [C, 1,
 * 1]}), both row-major. The output keeps the input's quantization, so the codes are pooled
 * directly, with no requantization.
 */
public final class PoolKernel {
  private PoolKernel() {}

  /**
   * Pools {@code in} into {@code out}. Padded positions take no part: the maximum is over the real
   * values of a window, and the average divides by their count, rounding ties away from zero.
   *
   * @throws IllegalArgumentException if an array does not fit the layer's shapes
   */
  public static void run(Int8Pool layer, byte[] in, byte[] out) {
    ConvGeometry g = layer.geometry();
    int channels = layer.inputShape().dim(0);
    int h = layer.inputShape().dim(1);
    int w = layer.inputShape().dim(2);
    int oh = Math.toIntExact(g.outputHeight(h));
    int ow = Math.toIntExact(g.outputWidth(w));
    int padTop = Math.toIntExact(g.padTop(h));
    int padLeft = Math.toIntExact(g.padLeft(w));
    checkLength(layer, "input", in.length, (long) channels * h * w);
    checkLength(layer, "output", out.length, (long) channels * oh * ow);
    boolean average = layer.average();
    int o = 0;
    for (int c = 0; c < channels; c++) {
      int plane = c * h * w;
      for (int y = 0; y < oh; y++) {
        int top = y * g.strideH() - padTop;
        for (int x = 0; x < ow; x++) {
          int left = x * g.strideW() - padLeft;
          // A long sum cannot overflow however large the window.
          long sum = 0;
          int count = 0;
          int max = Byte.MIN_VALUE;
          for (int ky = 0; ky < g.kernelH(); ky++) {
            int iy = top + ky * g.dilationH();
            if (iy < 0 || iy >= h) {
              continue;
            }
            int row = plane + iy * w;
            for (int kx = 0; kx < g.kernelW(); kx++) {
              int ix = left + kx * g.dilationW();
              if (ix < 0 || ix >= w) {
                continue;
              }
              int q = in[row + ix];
              sum += q;
              count++;
              if (q > max) {
                max = q;
              }
            }
          }
          out[o++] = (byte) (average ? roundedAverage(sum, count) : max);
        }
      }
    }
  }

  /** TFLite's reference rounding: to nearest, ties away from zero (division truncates). */
  private static long roundedAverage(long sum, int count) {
    return sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
  }

  private static void checkLength(Int8Pool layer, String what, long actual, long expected) {
    if (actual != expected) {
      throw new IllegalArgumentException(
          layer.name() + ": " + what + " has " + actual + " codes, expected " + expected);
    }
  }
}
