package io.qat4j.runtime.quant;

import io.qat4j.model.QuantScheme;
import io.qat4j.runtime.layers.Param;
import io.qat4j.runtime.layers.TensorTransform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fake quantization of one tensor (a weight or an activation) with a tracked range: a {@link
 * QuantScheme} plus a {@link RangeTracker}.
 *
 * <p>{@link #forward} in training first lets the tracker observe the tensor (unless frozen), then
 * fake-quantizes it with the nudged range(s) and remembers the straight-through mask; {@link
 * #backward} multiplies the gradient by that mask. Forward outside training never moves the range,
 * and needs one to exist: calibrate ({@link #observe}, {@link #calibrating}) or train first.
 *
 * <p>One instance per tensor; not thread-safe (it keeps the mask of the last forward).
 */
public final class FakeQuantizer implements TensorTransform {
  private final QuantScheme scheme;
  private final RangeTracker tracker;
  /** The straight-through mask of the last forward: as an array, or listed in outside. */
  private INDArray mask;
  private final FakeQuantKernels.Outside outside = new FakeQuantKernels.Outside();
  private long[] maskShape;
  private boolean calibrating;
  /** Weights: the range follows the tensor in every forward, evaluation included. */
  private final boolean observesEveryForward;

  /**
   * A quantizer of {@code scheme} whose range {@code tracker} follows.
   *
   * @throws IllegalArgumentException if one is per axis and the other is not
   */
  public FakeQuantizer(QuantScheme scheme, RangeTracker tracker) {
    this(scheme, tracker, false);
  }

  private FakeQuantizer(QuantScheme scheme, RangeTracker tracker, boolean observesEveryForward) {
    this.observesEveryForward = observesEveryForward;
    this.scheme = Objects.requireNonNull(scheme);
    this.tracker = Objects.requireNonNull(tracker);
    if (scheme.perAxis() != tracker.perAxis()) {
      throw new IllegalArgumentException(
          "scheme is " + (scheme.perAxis() ? "per axis" : "per tensor") + " but its tracker is "
              + (tracker.perAxis() ? "per axis" : "per tensor"));
    }
    // Fail at construction rather than at the first forward.
    if (scheme.bits() < 2 || scheme.bits() > 16) {
      throw new IllegalArgumentException("bits must be in 2..16, got " + scheme.bits());
    }
  }

  /**
   * A weight quantizer: last-value range, per index of axis 0 if {@code scheme.perAxis()}. The
   * range is taken from the weights in every forward, evaluation included, so a model evaluated
   * after an optimizer step quantizes its current weights on their own grid, as the converted
   * int8 model does (and as PyTorch's convert does), rather than on the range of the weights
   * before the step.
   *
   * @param outputChannels size of the weight's axis 0; ignored for a per-tensor scheme
   */
  public static FakeQuantizer forWeights(QuantScheme scheme, int outputChannels) {
    return new FakeQuantizer(
        scheme,
        scheme.perAxis()
            ? RangeTracker.lastValuePerAxis(outputChannels)
            : RangeTracker.lastValue(),
        true);
  }

  /**
   * An activation quantizer: moving-average range with {@code decay}, initialised from the first
   * batch.
   *
   * @throws IllegalArgumentException if {@code scheme} is per axis (activations are per tensor)
   */
  public static FakeQuantizer forActivations(QuantScheme scheme, double decay) {
    if (scheme.perAxis()) {
      throw new IllegalArgumentException("activations are quantized per tensor, got " + scheme);
    }
    return new FakeQuantizer(scheme, RangeTracker.movingAverage(decay));
  }

  /** An activation quantizer with TFMOT's decay {@value RangeTracker#DEFAULT_DECAY}. */
  public static FakeQuantizer forActivations(QuantScheme scheme) {
    return forActivations(scheme, RangeTracker.DEFAULT_DECAY);
  }

  /**
   * Fake quantization of {@code x}.
   *
   * @param training whether to let the tracker observe {@code x} first (unless frozen); weight
   *     quantizers observe in every forward
   * @return {@code x} fake-quantized; {@code x} itself while {@link #calibrating}
   * @throws IllegalStateException if no range is known yet and none can be observed (not training,
   *     or frozen before any data)
   */
  @Override
  public INDArray forward(INDArray x, boolean training) {
    if (calibrating) {
      tracker.observe(x);
      mask = null;
      maskShape = null;
      return x;
    }
    if ((training || observesEveryForward) && !tracker.isFrozen()) {
      tracker.observe(x);
    }
    List<NudgedRange> ranges = ranges();
    if (FakeQuantKernels.accepts(x) && (!scheme.perAxis() || x.size(0) == ranges.size())) {
      // The kernel lists where the mask is 0, in buffers kept from step to step.
      int n = ranges.size();
      double[] lo = new double[n];
      double[] hi = new double[n];
      double[] scale = new double[n];
      for (int i = 0; i < n; i++) {
        lo[i] = ranges.get(i).nudgedMin();
        hi[i] = ranges.get(i).nudgedMax();
        scale[i] = ranges.get(i).scale();
      }
      INDArray out = FakeQuantKernels.quantize(x, lo, hi, scale, outside);
      maskShape = x.shape();
      mask = null;
      return out;
    }
    Quantized q =
        scheme.perAxis()
            ? FakeQuant.withMaskPerAxis(x, ranges)
            : FakeQuant.withMask(x, ranges.get(0));
    mask = q.mask();
    maskShape = mask.shape();
    return q.values();
  }

  /**
   * Switches post-training calibration on or off. While on, {@link #forward} observes every tensor
   * (training or not, unless frozen) and returns it unquantized, as PyTorch's observers do during
   * calibration: the ranges come from the float model's own activations. {@link #backward} then
   * passes gradients through unchanged.
   */
  public void calibrating(boolean on) {
    calibrating = on;
  }

  /** Whether post-training calibration is on. */
  public boolean isCalibrating() {
    return calibrating;
  }

  /**
   * The straight-through gradient: {@code gradient} where the input of the last {@link #forward}
   * lay inside the nudged range (inclusive), 0 elsewhere.
   *
   * @throws IllegalStateException before any forward
   * @throws IllegalArgumentException if the shape differs from the last forward's input
   */
  @Override
  public INDArray backward(INDArray gradient) {
    if (calibrating) {
      return gradient;
    }
    if (maskShape == null) {
      throw new IllegalStateException("backward called before a fake-quantizing forward");
    }
    if (!Arrays.equals(gradient.shape(), maskShape)) {
      throw new IllegalArgumentException(
          "gradient shape " + Arrays.toString(gradient.shape()) + " differs from the input shape "
              + Arrays.toString(maskShape) + " of the last forward");
    }
    if (mask == null) {
      if (FakeQuantKernels.accepts(gradient)) {
        return FakeQuantKernels.applyMask(gradient, outside);
      }
      mask = FakeQuant.maskArray(outside.toBytes(), maskShape);
    }
    return gradient.mul(mask);
  }

  /** Returns new arrays, or the one it was given, and keeps none of them. */
  @Override
  public boolean returnsNewArrays() {
    return true;
  }

  /** Lets the tracker observe {@code x} without quantizing it (post-training calibration). */
  public void observe(INDArray x) {
    tracker.observe(x);
  }

  /** Stops range updates (the freeze after N steps). */
  public void freeze() {
    tracker.freeze();
  }

  /** Resumes range updates. */
  public void unfreeze() {
    tracker.unfreeze();
  }

  /** Whether range updates are stopped. */
  public boolean isFrozen() {
    return tracker.isFrozen();
  }

  /** Whether a range is known (data observed or state restored). */
  public boolean hasRange() {
    return tracker.hasRange();
  }

  /**
   * The current nudged ranges, one per tracked channel (one for a per-tensor scheme).
   *
   * @throws IllegalStateException if no range is known yet
   */
  public List<NudgedRange> ranges() {
    if (!tracker.hasRange()) {
      throw new IllegalStateException(
          "fake quantizer has no range yet: calibrate or train first"
              + (tracker.isFrozen() ? " (it was frozen before it saw any data)" : ""));
    }
    List<NudgedRange> ranges = new ArrayList<>(tracker.channels());
    for (int c = 0; c < tracker.channels(); c++) {
      ranges.add(NudgedRange.of(tracker.min(c), tracker.max(c), scheme));
    }
    return ranges;
  }

  /**
   * The current nudged range of a per-tensor scheme.
   *
   * @throws IllegalStateException if the scheme is per axis or no range is known yet
   */
  public NudgedRange range() {
    if (scheme.perAxis()) {
      throw new IllegalStateException("per-axis quantizer has one range per channel: use ranges()");
    }
    return ranges().get(0);
  }

  /** The quantization scheme. */
  public QuantScheme scheme() {
    return scheme;
  }

  /** The range tracker. */
  public RangeTracker tracker() {
    return tracker;
  }

  /** The tracker's live state tensors, for checkpoints (see {@link RangeTracker#state()}). */
  public List<Param> state() {
    return tracker.state();
  }
}
