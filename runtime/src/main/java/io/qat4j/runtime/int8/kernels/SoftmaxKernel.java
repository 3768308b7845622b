package io.qat4j.runtime.int8.kernels;

import io.qat4j.model.Shape;
import io.qat4j.runtime.int8.Int8Softmax;

/**
 * Softmax over the last axis of one example's int8 codes, row-major, so each row is a contiguous
 * run of {@code shape[rank − 1]} codes; the output has the same shape at scale 1/256, zero point
 * −128.
 */
public final class SoftmaxKernel {
  private SoftmaxKernel() {}

  /**
   * For each row with maximum code {@code m}: {@code e(q) = expTable[m − q]} and {@code out =
   * min(127, round(256 × e / Σe) − 128)}, rounding halves up.
   *
   * @throws IllegalArgumentException if an array does not fit the output shape
   */
  public static void run(Int8Softmax layer, byte[] in, byte[] out) {
    Shape shape = layer.outputShape();
    long n = shape.elements();
    if (in.length != n || out.length != n) {
      throw new IllegalArgumentException(layer.name() + ": input of " + in.length
          + " and output of " + out.length + " codes do not fit shape " + shape);
    }
    int[] table = layer.expTable();
    int row = shape.dim(shape.rank() - 1);
    for (int start = 0; start < in.length; start += row) {
      int end = start + row;
      int max = Byte.MIN_VALUE;
      for (int i = start; i < end; i++) {
        max = Math.max(max, in[i]);
      }
      // The maximum contributes 2^20, so the sum is positive; a long holds any row length.
      long sum = 0;
      for (int i = start; i < end; i++) {
        sum += table[max - in[i]];
      }
      for (int i = start; i < end; i++) {
        long e = table[max - in[i]];
        long q = (256L * e + sum / 2) / sum - 128;
        // A lone maximum gives 256 − 128 = 128, one past the int8 range.
        out[i] = (byte) Math.max(Byte.MIN_VALUE, Math.min(Byte.MAX_VALUE, q));
      }
    }
  }
}
