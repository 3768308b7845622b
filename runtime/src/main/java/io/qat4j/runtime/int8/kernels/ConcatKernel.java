package io.qat4j.runtime.int8.kernels;

import io.qat4j.model.Shape;
import io.qat4j.runtime.int8.Int8Concat;

/**
 * Concatenation of the int8 codes of one example along one axis of the example shape; every
 * tensor is row-major, so the output is, for each index of the axes before the join, the
 * matching slice of each input in turn. Inputs are requantized to the output's scale and zero
 * point.
 */
public final class ConcatKernel {
  /** The fixed-point form of 1.0, as {@link QuantizedMultiplier#of} gives it. */
  private static final int ONE_MULTIPLIER = 1 << 30;

  private static final int ONE_SHIFT = 1;

  private ConcatKernel() {}

  /**
   * Joins {@code ins} into {@code out}: each code is {@code outZp + requant_i(q − zp_i)},
   * saturated to [−128, 127], or copied where input and output quantization agree.
   *
   * @throws IllegalArgumentException if the inputs do not fit the layer's shapes
   */
  public static void run(Int8Concat layer, byte[][] ins, byte[] out) {
    int axis = layer.axis();
    int inputs = layer.inputs().size();
    if (ins.length != inputs) {
      throw new IllegalArgumentException(
          layer.name() + ": " + ins.length + " inputs given, expected " + inputs);
    }
    long outer = 1;
    for (int d = 0; d < axis; d++) {
      outer *= layer.outputShape().dim(d);
    }
    int[] inner = new int[inputs];
    long total = 0;
    for (int i = 0; i < inputs; i++) {
      Shape shape = layer.inputShapes().get(i);
      long slice = 1;
      for (int d = axis; d < shape.rank(); d++) {
        slice *= shape.dim(d);
      }
      if (ins[i].length != outer * slice) {
        throw new IllegalArgumentException(layer.name() + ": input " + i + " has "
            + ins[i].length + " codes, expected " + outer * slice + " for shape " + shape);
      }
      inner[i] = (int) slice;
      total += slice;
    }
    if (out.length != outer * total) {
      throw new IllegalArgumentException(layer.name() + ": output has " + out.length
          + " codes, expected " + outer * total);
    }
    int outZp = layer.output().zeroPoint();
    int o = 0;
    for (int block = 0; block < outer; block++) {
      for (int i = 0; i < inputs; i++) {
        int n = inner[i];
        int from = block * n;
        int zp = layer.inputZeroPoints()[i];
        int m = layer.multipliers()[i];
        int shift = layer.shifts()[i];
        if (zp == outZp && m == ONE_MULTIPLIER && shift == ONE_SHIFT) {
          System.arraycopy(ins[i], from, out, o, n);
        } else {
          for (int k = 0; k < n; k++) {
            int q =
                outZp + FixedPoint.multiplyByQuantizedMultiplier(ins[i][from + k] - zp, m, shift);
            out[o + k] = (byte) Math.max(Byte.MIN_VALUE, Math.min(Byte.MAX_VALUE, q));
          }
        }
        o += n;
      }
    }
  }
}
