package io.qat4j.runtime.quant;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The [min, max] of one batch, per tensor or per index of axis 0, widened to contain 0 as TFMOT's
 * quantizers do before tracking (so a moving average averages ranges that all contain 0).
 *
 * @param min one minimum per channel (one for a whole tensor), each at most 0
 * @param max one maximum per channel, each at least 0
 */
record BatchRange(double[] min, double[] max) {
  /** The range of the whole of {@code x}. */
  static BatchRange perTensor(INDArray x) {
    checkUsable(x);
    if (FakeQuantKernels.accepts(x)) {
      // One pass for both ends; a NaN or infinity shows in them and takes the checks below.
      double[][] r = FakeQuantKernels.range(x, 1);
      if (Double.isFinite(r[0][0]) && Double.isFinite(r[1][0])) {
        return new BatchRange(
            new double[] {Math.min(r[0][0], 0)}, new double[] {Math.max(r[1][0], 0)});
      }
    }
    double min = x.minNumber().doubleValue();
    double max = x.maxNumber().doubleValue();
    checkFinite(x, min, max);
    return new BatchRange(new double[] {Math.min(min, 0)}, new double[] {Math.max(max, 0)});
  }

  /** One range per index of axis 0 of {@code x}, which must have {@code channels} of them. */
  static BatchRange perAxis(INDArray x, int channels) {
    checkUsable(x);
    if (x.rank() < 1 || x.size(0) != channels) {
      throw new IllegalArgumentException(
          "expected " + channels + " channels on axis 0, got shape " + Arrays.toString(x.shape()));
    }
    if (FakeQuantKernels.accepts(x)) {
      double[][] r = FakeQuantKernels.range(x, channels);
      boolean finite = true;
      for (int i = 0; i < channels; i++) {
        finite &= Double.isFinite(r[0][i]) && Double.isFinite(r[1][i]);
      }
      if (finite) {
        for (int i = 0; i < channels; i++) {
          r[0][i] = Math.min(r[0][i], 0);
          r[1][i] = Math.max(r[1][i], 0);
        }
        return new BatchRange(r[0], r[1]);
      }
    }
    INDArray rows = x.reshape('c', channels, x.length() / channels);
    double[] min = rows.min(1).castTo(DataType.DOUBLE).toDoubleVector();
    double[] max = rows.max(1).castTo(DataType.DOUBLE).toDoubleVector();
    double lowest = Arrays.stream(min).min().orElseThrow();
    double highest = Arrays.stream(max).max().orElseThrow();
    checkFinite(x, lowest, highest);
    for (int i = 0; i < channels; i++) {
      min[i] = Math.min(min[i], 0);
      max[i] = Math.max(max[i], 0);
    }
    return new BatchRange(min, max);
  }

  private static void checkUsable(INDArray x) {
    if (!x.dataType().isFPType()) {
      throw new IllegalArgumentException(
          "range tracking needs a floating-point tensor, got " + x.dataType());
    }
    if (x.isEmpty()) {
      throw new IllegalArgumentException(
          "cannot track the range of an empty tensor of shape " + Arrays.toString(x.shape()));
    }
  }

  /**
   * Rejects infinities (they show in min or max) and NaN (ND4J's min and max skip NaN). A NaN
   * shows in the sum, which is cheaper than a match over the tensor; only a NaN sum pays for the
   * exact check, since overflowing partial sums of finite values can also give NaN.
   */
  private static void checkFinite(INDArray x, double min, double max) {
    if (!Double.isFinite(min) || !Double.isFinite(max)) {
      throw new NonFiniteValuesException(
          "batch has non-finite values: min " + min + ", max " + max);
    }
    if (Double.isNaN(x.sumNumber().doubleValue()) && BooleanIndexing.or(x, Conditions.isNan())) {
      throw new NonFiniteValuesException(
          "batch contains NaN (its other values span [" + min + ", " + max + "])");
    }
  }
}
