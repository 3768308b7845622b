package io.qat4j.runtime.quant;

import io.qat4j.runtime.layers.Param;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The bookkeeping shared by the trackers: state tensors, freezing, checkpoints. Subclasses give
 * only the update rule. The state lives in double tensors rather than fields so that a checkpoint
 * restored into {@link #state()} in place takes effect, as for every other layer state.
 */
abstract class BaseRangeTracker implements RangeTracker {
  private final boolean perAxis;
  private final int channels;
  private final INDArray min;
  private final INDArray max;
  private final INDArray frozen;
  private final List<Param> state;

  BaseRangeTracker(boolean perAxis, int channels) {
    if (channels < 1 || (!perAxis && channels != 1)) {
      throw new IllegalArgumentException(
          (perAxis ? "per-axis" : "per-tensor") + " tracker cannot have " + channels + " channels");
    }
    this.perAxis = perAxis;
    this.channels = channels;
    this.min = Nd4j.valueArrayOf(new long[] {channels}, Double.NaN, DataType.DOUBLE);
    this.max = Nd4j.valueArrayOf(new long[] {channels}, Double.NaN, DataType.DOUBLE);
    this.frozen = Nd4j.zeros(DataType.DOUBLE, 1);
    this.state = List.of(new Param("min", min), new Param("max", max), new Param("frozen", frozen));
  }

  /** The new tracked minimum of one channel, given the tracked one and the batch's (both <= 0). */
  abstract double updateMin(double tracked, double batch);

  /** The new tracked maximum of one channel, given the tracked one and the batch's (both >= 0). */
  abstract double updateMax(double tracked, double batch);

  @Override
  public final void observe(INDArray x) {
    if (isFrozen()) {
      return;
    }
    BatchRange batch = perAxis ? BatchRange.perAxis(x, channels) : BatchRange.perTensor(x);
    double[] newMin = batch.min();
    double[] newMax = batch.max();
    // The first batch initialises the range as it is; later ones go through the update rule.
    if (hasRange()) {
      double[] oldMin = min.toDoubleVector();
      double[] oldMax = max.toDoubleVector();
      for (int i = 0; i < channels; i++) {
        newMin[i] = updateMin(oldMin[i], newMin[i]);
        newMax[i] = updateMax(oldMax[i], newMax[i]);
      }
    }
    min.assign(Nd4j.createFromArray(newMin));
    max.assign(Nd4j.createFromArray(newMax));
  }

  @Override
  public final boolean perAxis() {
    return perAxis;
  }

  @Override
  public final int channels() {
    return channels;
  }

  @Override
  public final boolean hasRange() {
    return !Double.isNaN(min.getDouble(0));
  }

  @Override
  public final double min(int channel) {
    return min.getDouble(Objects.checkIndex(channel, channels));
  }

  @Override
  public final double max(int channel) {
    return max.getDouble(Objects.checkIndex(channel, channels));
  }

  @Override
  public final void freeze() {
    frozen.putScalar(0, 1);
  }

  @Override
  public final void unfreeze() {
    frozen.putScalar(0, 0);
  }

  @Override
  public final boolean isFrozen() {
    return frozen.getDouble(0) != 0;
  }

  @Override
  public final List<Param> state() {
    return state;
  }

  @Override
  public final double[] stateValues() {
    double[] values = new double[2 * channels + 1];
    System.arraycopy(min.toDoubleVector(), 0, values, 0, channels);
    System.arraycopy(max.toDoubleVector(), 0, values, channels, channels);
    values[2 * channels] = frozen.getDouble(0);
    return values;
  }

  @Override
  public final void restoreState(double[] values) {
    if (values.length != 2 * channels + 1) {
      throw new IllegalArgumentException(
          "state of a tracker with " + channels + " channels has " + (2 * channels + 1)
              + " values, got " + values.length);
    }
    double[] newMin = Arrays.copyOfRange(values, 0, channels);
    double[] newMax = Arrays.copyOfRange(values, channels, 2 * channels);
    double flag = values[2 * channels];
    boolean unseen = Arrays.stream(values, 0, 2 * channels).allMatch(Double::isNaN);
    if (!unseen) {
      for (int i = 0; i < channels; i++) {
        if (!Double.isFinite(newMin[i]) || !Double.isFinite(newMax[i]) || newMin[i] > newMax[i]) {
          throw new IllegalArgumentException(
              "restored range of channel " + i + " is [" + newMin[i] + ", " + newMax[i]
                  + "]; ranges must be all NaN (none yet) or all finite with min <= max");
        }
      }
    }
    if (flag != 0 && flag != 1) {
      throw new IllegalArgumentException("restored frozen flag must be 0 or 1, got " + flag);
    }
    min.assign(Nd4j.createFromArray(newMin));
    max.assign(Nd4j.createFromArray(newMax));
    frozen.putScalar(0, flag);
  }
}
