package io.qat4j.examples.report;

import java.util.Arrays;
import java.util.Objects;

/**
 * The range of one convolution's weights in each output channel; per-channel quantization gives
 * each channel its own scale, so a channel far wider than the rest is what this shows.
 *
 * <p>Equality compares the arrays' contents.
 *
 * @param layer the convolution's name
 * @param min the smallest weight of each output channel
 * @param max the largest weight of each output channel
 */
public record ChannelRanges(String layer, float[] min, float[] max) {
  /** Copies both arrays and checks they describe at least one channel, each with min ≤ max. */
  public ChannelRanges {
    Objects.requireNonNull(layer, "layer");
    min = Objects.requireNonNull(min, "min").clone();
    max = Objects.requireNonNull(max, "max").clone();
    if (min.length != max.length) {
      throw new IllegalArgumentException("ranges of " + layer + ": expected as many maxima as"
          + " minima (" + min.length + "), got " + max.length);
    }
    if (min.length == 0) {
      throw new IllegalArgumentException(
          "ranges of " + layer + ": expected at least one channel, got 0");
    }
    for (int c = 0; c < min.length; c++) {
      // Written so NaN fails too.
      if (!(min[c] <= max[c])) {
        throw new IllegalArgumentException("ranges of " + layer + ", channel " + c
            + ": expected min <= max, got min " + min[c] + ", max " + max[c]);
      }
    }
  }

  /**
   * The ranges of {@code weights} laid out {@code [outChannels][rest]}, row-major: channel
   * {@code c} is {@code weights[c * rest .. (c + 1) * rest)}.
   *
   * @throws IllegalArgumentException if {@code outChannels} is not positive or {@code
   *     weights.length} is not a positive multiple of it
   */
  public static ChannelRanges of(String layer, float[] weights, int outChannels) {
    Objects.requireNonNull(weights, "weights");
    if (outChannels <= 0) {
      throw new IllegalArgumentException("weights of " + layer
          + ": expected a positive number of output channels, got " + outChannels);
    }
    if (weights.length == 0 || weights.length % outChannels != 0) {
      throw new IllegalArgumentException("weights of " + layer + ": expected a positive multiple"
          + " of " + outChannels + " values ([outChannels][rest]), got " + weights.length);
    }
    int rest = weights.length / outChannels;
    float[] min = new float[outChannels];
    float[] max = new float[outChannels];
    for (int c = 0; c < outChannels; c++) {
      float lo = Float.POSITIVE_INFINITY;
      float hi = Float.NEGATIVE_INFINITY;
      for (int i = c * rest; i < (c + 1) * rest; i++) {
        // Math.min/max keep a NaN, which the constructor then reports with its channel.
        lo = Math.min(lo, weights[i]);
        hi = Math.max(hi, weights[i]);
      }
      min[c] = lo;
      max[c] = hi;
    }
    return new ChannelRanges(layer, min, max);
  }

  /** A copy of the minimum of each channel. */
  @Override
  public float[] min() {
    return min.clone();
  }

  /** A copy of the maximum of each channel. */
  @Override
  public float[] max() {
    return max.clone();
  }

  /** Number of output channels. */
  public int channels() {
    return min.length;
  }

  /** The smallest weight of the layer. */
  public float overallMin() {
    float m = min[0];
    for (float v : min) {
      m = Math.min(m, v);
    }
    return m;
  }

  /** The largest weight of the layer. */
  public float overallMax() {
    float m = max[0];
    for (float v : max) {
      m = Math.max(m, v);
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChannelRanges r
        && layer.equals(r.layer)
        && Arrays.equals(min, r.min)
        && Arrays.equals(max, r.max);
  }

  @Override
  public int hashCode() {
    return Objects.hash(layer, Arrays.hashCode(min), Arrays.hashCode(max));
  }

  @Override
  public String toString() {
    return "ChannelRanges[" + layer + ", " + min.length + " channels, " + overallMin() + " .. "
        + overallMax() + "]";
  }
}
