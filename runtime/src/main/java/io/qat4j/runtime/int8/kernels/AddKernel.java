package io.qat4j.runtime.int8.kernels;

import io.qat4j.runtime.int8.Int8Add;

/**
 * TFLite's int8 Add on one example: two inputs and the output share one shape, any layout, and
 * are added code by code. Both inputs are rescaled to a common fixed-point scale, added, and the
 * sum is requantized to the output, all in int32.
 */
public final class AddKernel {
  private AddKernel() {}

  /**
   * {@code out = clamp(outZp + requant_out(requant_1((a − z1) << ls) + requant_2((b − z2) <<
   * ls)))}.
   *
   * @throws IllegalArgumentException if the arrays differ in length from the output shape
   */
  public static void run(Int8Add layer, byte[] a, byte[] b, byte[] out) {
    long n = layer.outputShape().elements();
    if (a.length != n || b.length != n || out.length != n) {
      throw new IllegalArgumentException(layer.name() + ": inputs of " + a.length + " and "
          + b.length + " codes and an output of " + out.length + " do not fit shape "
          + layer.outputShape());
    }
    int z1 = layer.firstZeroPoint();
    int z2 = layer.secondZeroPoint();
    int m1 = layer.firstMultiplier();
    int sh1 = layer.firstShift();
    int m2 = layer.secondMultiplier();
    int sh2 = layer.secondShift();
    int leftShift = layer.leftShift();
    int mOut = layer.outputMultiplier();
    int shOut = layer.outputShift();
    int zOut = layer.output().zeroPoint();
    int lo = layer.clampMin();
    int hi = layer.clampMax();
    for (int i = 0; i < out.length; i++) {
      int x1 = shiftLeft(a[i] - z1, leftShift);
      int x2 = shiftLeft(b[i] - z2, leftShift);
      int s1 = FixedPoint.multiplyByQuantizedMultiplier(x1, m1, sh1);
      int s2 = FixedPoint.multiplyByQuantizedMultiplier(x2, m2, sh2);
      // Each scaled input is at most half the common scale, so the sum cannot overflow.
      int o = FixedPoint.multiplyByQuantizedMultiplier(s1 + s2, mOut, shOut) + zOut;
      out[i] = (byte) Math.max(lo, Math.min(hi, o));
    }
  }

  /**
   * The record admits a left shift of 24, where a difference of 255 no longer fits an int: such
   * a value saturates rather than wrapping. At TFLite's 20 this is a plain shift.
   */
  private static int shiftLeft(int x, int shift) {
    long wide = (long) x << shift;
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, wide));
  }
}
