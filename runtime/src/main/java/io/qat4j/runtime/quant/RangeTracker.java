package io.qat4j.runtime.quant;

import io.qat4j.runtime.layers.Param;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Tracks the real range of a tensor over training or calibration batches, per tensor or per index
 * of axis 0. Tracked ranges always contain 0: each batch's minimum is capped at 0 and its maximum
 * raised to 0 before it is tracked, as in TFMOT's quantizers.
 *
 * <p>A tracker can be frozen, after which {@link #observe} does nothing. Its state (the tracked
 * minima and maxima, NaN before the first batch, and the frozen flag) lives in the tensors of
 * {@link #state()}, so a checkpoint restored into them in place takes effect; {@link
 * #stateValues()} and {@link #restoreState} give the same state as doubles.
 */
public interface RangeTracker {
  /** TFMOT's moving-average decay for activation ranges. */
  double DEFAULT_DECAY = 0.999;

  /** The latest batch's range, per tensor: for per-tensor weights. */
  static RangeTracker lastValue() {
    return new LastValueTracker(false, 1);
  }

  /** The latest batch's range per index of axis 0: for per-channel weights. */
  static RangeTracker lastValuePerAxis(int channels) {
    return new LastValueTracker(true, channels);
  }

  /** A moving average of batch ranges with decay {@value #DEFAULT_DECAY}: for activations. */
  static RangeTracker movingAverage() {
    return movingAverage(DEFAULT_DECAY);
  }

  /**
   * A moving average of batch ranges, {@code tracked = decay × tracked + (1 − decay) × batch},
   * initialised from the first batch's range rather than TFMOT's [−6, 6], so early steps quantize
   * to the data's own range instead of a guess.
   *
   * @param decay in [0, 1); 0 is the last value
   */
  static RangeTracker movingAverage(double decay) {
    return new MovingAverageTracker(false, 1, decay);
  }

  /** A moving average per index of axis 0, as {@link #movingAverage(double)}. */
  static RangeTracker movingAveragePerAxis(int channels, double decay) {
    return new MovingAverageTracker(true, channels, decay);
  }

  /** The overall range of every batch seen, per tensor: for post-training calibration. */
  static RangeTracker allValues() {
    return new AllValuesTracker(false, 1);
  }

  /** The overall range of every batch seen, per index of axis 0. */
  static RangeTracker allValuesPerAxis(int channels) {
    return new AllValuesTracker(true, channels);
  }

  /**
   * A range that never moves, always frozen and without state, such as [0, 255/256] for softmax
   * outputs.
   */
  static RangeTracker fixed(double min, double max) {
    return new FixedRange(min, max);
  }

  /**
   * Takes the range of one batch into account, unless frozen.
   *
   * @throws IllegalArgumentException if {@code x} is empty, not floating point, holds NaN or
   *     infinity, or (per axis) does not have {@link #channels()} entries on axis 0
   */
  void observe(INDArray x);

  /** Whether ranges are tracked per index of axis 0 rather than for the whole tensor. */
  boolean perAxis();

  /** Number of tracked ranges: 1 per tensor, the size of axis 0 per axis. */
  int channels();

  /** Whether a range is known: a batch has been observed or a range restored. */
  boolean hasRange();

  /** Tracked minimum of {@code channel} (0 per tensor); NaN before {@link #hasRange()}. */
  double min(int channel);

  /** Tracked maximum of {@code channel} (0 per tensor); NaN before {@link #hasRange()}. */
  double max(int channel);

  /** Stops range updates: {@link #observe} does nothing until {@link #unfreeze()}. */
  void freeze();

  /** Resumes range updates (no effect on a fixed range, which never moves). */
  void unfreeze();

  /** Whether range updates are stopped. */
  boolean isFrozen();

  /**
   * The live state tensors, of type double: {@code min} and {@code max} of shape {@code
   * [channels]} (NaN before the first batch) and {@code frozen} of shape {@code [1]} (0 or 1).
   * Assigning into them restores the tracker. Empty for a fixed range, which has no state.
   */
  List<Param> state();

  /**
   * The state as doubles: {@code [min_0 .. min_{C-1}, max_0 .. max_{C-1}, frozen]}, {@code 2C +
   * 1} values with frozen 0 or 1; empty for a fixed range.
   */
  double[] stateValues();

  /**
   * Restores a state saved by {@link #stateValues()}.
   *
   * @throws IllegalArgumentException if the length is wrong, the minima and maxima are neither all
   *     NaN nor all finite with {@code min <= max}, or the frozen flag is not 0 or 1
   */
  void restoreState(double[] values);
}
