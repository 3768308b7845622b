package io.qat4j.runtime.int8;

import io.qat4j.model.QuantScheme;
import io.qat4j.runtime.quant.NudgedRange;
import java.util.ArrayList;
import java.util.List;

/** Float weights to int8 codes, on the same nudged grid fake quantization used in training. */
final class WeightCodes {
  private WeightCodes() {}

  /** One range per output channel (per-axis schemes) or one for the whole tensor. */
  static List<NudgedRange> ranges(double[] w, int channels, QuantScheme scheme) {
    int groups = scheme.perAxis() ? channels : 1;
    int per = w.length / groups;
    List<NudgedRange> ranges = new ArrayList<>(groups);
    for (int g = 0; g < groups; g++) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int k = g * per; k < (g + 1) * per; k++) {
        min = Math.min(min, w[k]);
        max = Math.max(max, w[k]);
      }
      if (!Double.isFinite(min) || !Double.isFinite(max)) {
        throw new IllegalArgumentException("weights contain NaN or infinity (channel " + g
            + "); the model diverged and cannot be converted");
      }
      ranges.add(NudgedRange.of(min, max, scheme));
    }
    return ranges;
  }

  /**
   * The signed codes: {@code floor((clamp(w) − nudgedMin) / scale + 0.5)} steps above the lowest
   * code, exactly the rounding of fake quantization.
   */
  static byte[] quantize(double[] w, List<NudgedRange> ranges, QuantScheme scheme) {
    int lowest = (scheme.narrowRange() ? 1 : 0) - (1 << (scheme.bits() - 1));
    byte[] codes = new byte[w.length];
    int per = w.length / ranges.size();
    for (int k = 0; k < w.length; k++) {
      NudgedRange r = ranges.get(k / per);
      double clamped = Math.max(r.nudgedMin(), Math.min(r.nudgedMax(), w[k]));
      codes[k] = (byte) (Math.floor((clamped - r.nudgedMin()) / r.scale() + 0.5) + lowest);
    }
    return codes;
  }
}
