package io.qat4j.runtime.int8;

import io.qat4j.model.Shape;
import java.util.List;

/**
 * Softmax over the last axis, in integers: for each row with maximum code {@code m}, {@code e(q) =
 * expTable[m − q]}, and the output code is {@code round(256 × e(q) / Σ e) − 128}, clamped to 127.
 * The table, computed once at conversion, holds {@code round(2^20 × exp(−inputScale × d))} for
 * {@code d} in [0, 255].
 *
 * @param name the graph layer
 * @param inputs its single input tensor
 * @param outputShape shape of input and output
 * @param expTable 256 entries, non-increasing, the first {@code 2^20}
 * @param output the fixed output quantization: scale 1/256, zero point −128
 */
public record Int8Softmax(String name, List<String> inputs, Shape outputShape, int[] expTable,
    QuantParams output) implements Int8Layer {
  /** The fixed-point one of {@link #expTable}: {@code 2^20}. */
  public static final int ONE = 1 << 20;

  /** Checks the table. */
  public Int8Softmax {
    inputs = List.copyOf(inputs);
    Int8Checks.singleInput(name, inputs);
    expTable = expTable.clone();
    Int8Checks.length(name, "exp table", expTable.length, 256);
    if (output.zeroPoint() != -128 || output.scale() != 1.0 / 256) {
      throw new IllegalArgumentException(name + ": softmax output must be scale 1/256, zero point"
          + " -128, got " + output);
    }
    if (expTable[0] != ONE) {
      throw new IllegalArgumentException(name + ": exp table must start at 2^20, got "
          + expTable[0]);
    }
    for (int d = 1; d < 256; d++) {
      if (expTable[d] < 0 || expTable[d] > expTable[d - 1]) {
        throw new IllegalArgumentException(name + ": exp table must be non-increasing and"
            + " non-negative, entry " + d + " is " + expTable[d]);
      }
    }
  }

  /** The table for an input of scale {@code inputScale}. */
  public static int[] expTable(double inputScale) {
    int[] table = new int[256];
    for (int d = 0; d < 256; d++) {
      table[d] = (int) Math.round(ONE * Math.exp(-inputScale * d));
    }
    return table;
  }
}
