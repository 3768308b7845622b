package io.qat4j.runtime.quant;

import io.qat4j.runtime.layers.Param;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A range known in advance, such as softmax's [0, 1): it never moves, is always frozen and has no
 * state to checkpoint. Fixing it keeps the quantized output independent of the data, as TFLite's
 * int8 softmax requires (scale 1/256, zero point −128).
 */
final class FixedRange implements RangeTracker {
  private final double min;
  private final double max;

  FixedRange(double min, double max) {
    if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
      throw new IllegalArgumentException(
          "fixed range must be finite with min <= max, got [" + min + ", " + max + "]");
    }
    this.min = min;
    this.max = max;
  }

  @Override
  public void observe(INDArray x) {}

  @Override
  public boolean perAxis() {
    return false;
  }

  @Override
  public int channels() {
    return 1;
  }

  @Override
  public boolean hasRange() {
    return true;
  }

  @Override
  public double min(int channel) {
    Objects.checkIndex(channel, 1);
    return min;
  }

  @Override
  public double max(int channel) {
    Objects.checkIndex(channel, 1);
    return max;
  }

  @Override
  public void freeze() {}

  @Override
  public void unfreeze() {}

  @Override
  public boolean isFrozen() {
    return true;
  }

  @Override
  public List<Param> state() {
    return List.of();
  }

  @Override
  public double[] stateValues() {
    return new double[0];
  }

  @Override
  public void restoreState(double[] values) {
    if (values.length != 0) {
      throw new IllegalArgumentException(
          "a fixed range has no state, got " + values.length + " values");
    }
  }
}
