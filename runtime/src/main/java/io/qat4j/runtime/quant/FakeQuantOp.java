package io.qat4j.runtime.quant;

import io.qat4j.model.QuantScheme;
import io.qat4j.runtime.layers.LayerOp;
import io.qat4j.runtime.layers.Param;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A graph node that fake-quantizes an activation tensor per tensor: where a quantized wrapper graph
 * puts an activation quantizer (after a layer's output, after a fused activation, on the model
 * input). One input, one output of the same shape; backward passes the gradient through where the
 * input lay inside the nudged range.
 *
 * <p>{@link #state()} holds the tracked range ({@code min}, {@code max}, {@code frozen}) in tensors a
 * checkpoint can save and restore in place; {@link #stateValues()} and {@link #restoreState} give
 * the same as doubles.
 */
public final class FakeQuantOp implements LayerOp {
  /** Softmax outputs in [0, 1) as TFLite's int8 softmax wants them: scale 1/256, zero point −128. */
  static final double SOFTMAX_MAX = 255.0 / 256;

  private final FakeQuantizer quantizer;

  /**
   * A node applying {@code quantizer}.
   *
   * @throws IllegalArgumentException if the quantizer is per axis
   */
  public FakeQuantOp(FakeQuantizer quantizer) {
    this.quantizer = Objects.requireNonNull(quantizer);
    if (quantizer.scheme().perAxis()) {
      throw new IllegalArgumentException(
          "activation fake quantization is per tensor, got " + quantizer.scheme());
    }
  }

  /** The default 8-bit activation node: int8 asymmetric, moving average with decay 0.999. */
  public static FakeQuantOp activations() {
    return activations(QuantScheme.INT8_ACTIVATIONS, RangeTracker.DEFAULT_DECAY);
  }

  /** An activation node of {@code scheme} with a moving-average range of {@code decay}. */
  public static FakeQuantOp activations(QuantScheme scheme, double decay) {
    return new FakeQuantOp(FakeQuantizer.forActivations(scheme, decay));
  }

  /**
   * The node after a softmax: the fixed range [0, 255/256] on int8 activations, i.e. scale 1/256
   * and zero point −128, independent of data and with no state.
   */
  public static FakeQuantOp softmaxOutput() {
    return new FakeQuantOp(
        new FakeQuantizer(QuantScheme.INT8_ACTIVATIONS, RangeTracker.fixed(0, SOFTMAX_MAX)));
  }

  /** The quantizer, to freeze it or read its range. */
  public FakeQuantizer quantizer() {
    return quantizer;
  }

  @Override
  public INDArray forward(List<INDArray> inputs, boolean training) {
    if (inputs.size() != 1) {
      throw new IllegalArgumentException(
          "fake quantization takes one input, got " + inputs.size());
    }
    return quantizer.forward(inputs.get(0), training);
  }

  @Override
  public List<INDArray> backward(INDArray outputGradient) {
    return List.of(quantizer.backward(outputGradient));
  }

  /** The tracked range: {@code min} and {@code max} of shape [1], {@code frozen} (0 or 1). */
  @Override
  public List<Param> state() {
    return quantizer.state();
  }

  /** The state as doubles {@code [min, max, frozen]} (empty for a fixed range). */
  public double[] stateValues() {
    return quantizer.tracker().stateValues();
  }

  /** Restores a state saved by {@link #stateValues()}. */
  public void restoreState(double[] values) {
    quantizer.tracker().restoreState(values);
  }

  /** Returns new arrays (or the ones it was given) and keeps none past the next forward. */
  @Override
  public boolean releasesArrays() {
    return true;
  }
}
