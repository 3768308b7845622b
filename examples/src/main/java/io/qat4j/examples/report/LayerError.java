package io.qat4j.examples.report;

import java.util.Objects;

/**
 * How far one layer's int8 output is from float.
 *
 * @param layer the layer's name
 * @param sqnrDb signal-to-quantization-noise ratio in dB: {@code 10·log10(Σ float² / Σ (int8 −
 *     float)²)}; {@code +Infinity} when the int8 output equals float exactly. The report draws
 *     such a bar at a cap and writes "exact"; it draws no bar for NaN or {@code -Infinity}.
 */
public record LayerError(String layer, double sqnrDb) {
  /** Checks the name. */
  public LayerError {
    Objects.requireNonNull(layer, "layer");
  }

  /** Whether the int8 output equals float exactly. */
  public boolean exact() {
    return sqnrDb == Double.POSITIVE_INFINITY;
  }
}
