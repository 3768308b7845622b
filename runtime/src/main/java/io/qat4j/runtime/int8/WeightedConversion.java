package io.qat4j.runtime.int8;

import io.qat4j.annotation.Activation;
import io.qat4j.model.BatchNormSpec;
import io.qat4j.model.Conv2DSpec;
import io.qat4j.model.DenseSpec;
import io.qat4j.model.DepthwiseConv2DSpec;
import io.qat4j.model.LayerKind;
import io.qat4j.model.QuantScheme;
import io.qat4j.model.Shape;
import io.qat4j.model.WeightedSpec;
import io.qat4j.plan.QuantizedLayer;
import io.qat4j.runtime.int8.kernels.QuantizedMultiplier;
import io.qat4j.runtime.layers.ConvGeometry;
import io.qat4j.runtime.quant.NudgedRange;
import java.util.List;

/**
 * Converts a Conv2D, DepthwiseConv2D or Dense, with any BatchNorm folded into it, as the QAT graph
 * ran it with frozen statistics: weight {@code W·s} with {@code s = γ / sqrt(runningVar + ε)}
 * quantized symmetric per channel (or per tensor), bias {@code β + s·(b − runningMean)} as int32
 * at scale {@code inputScale × weightScale}, and one fixed-point multiplier per output channel.
 */
final class WeightedConversion {
  private final QuantizedLayer layer;
  private final TrainedTensors trained;
  private final List<String> inputs;
  private final Shape inputShape;

  WeightedConversion(QuantizedLayer layer, TrainedTensors trained, List<String> inputs,
      Shape inputShape) {
    this.layer = layer;
    this.trained = trained;
    this.inputs = inputs;
    this.inputShape = inputShape;
  }

  Int8Layer convert() {
    String name = layer.name();
    QuantScheme scheme = layer.weights().orElseThrow(() -> new IllegalArgumentException(
        "layer " + name + " has float weights (skip = true or no weight scheme), but the int8"
            + " engine needs int8 weights; quantize its weights"));
    if (!scheme.symmetric() || scheme.bits() > 8) {
      throw new IllegalArgumentException("layer " + name + " quantizes its weights with " + scheme
          + "; the int8 engine needs symmetric weights of at most 8 bits (zero point 0)");
    }
    int channels = layer.outputShape().dim(0);
    double[] w = trained.values(name, "weight").clone();
    int perChannel = w.length / channels;
    double[] bias = new double[channels];
    double[] b = trained.values(name, "bias");
    if (b != null) {
      System.arraycopy(b, 0, bias, 0, channels);
    }
    layer.foldedBatchNorm().ifPresent(bn -> fold(bn, w, perChannel, bias));

    List<NudgedRange> ranges = WeightCodes.ranges(w, channels, scheme);
    byte[] codes = WeightCodes.quantize(w, ranges, scheme);
    QuantParams in = trained.quant(inputs.get(0));
    QuantParams out = trained.quant(name);
    int[] biasCodes = new int[channels];
    int[] multipliers = new int[ranges.size()];
    int[] shifts = new int[ranges.size()];
    for (int o = 0; o < channels; o++) {
      double weightScale = ranges.get(ranges.size() == 1 ? 0 : o).scale();
      biasCodes[o] = saturate(Math.round(bias[o] / (in.scale() * weightScale)));
    }
    for (int r = 0; r < ranges.size(); r++) {
      QuantizedMultiplier m =
          QuantizedMultiplier.of(in.scale() * ranges.get(r).scale() / out.scale());
      multipliers[r] = m.multiplier();
      shifts[r] = m.shift();
    }
    int[] clamp = clamp(out);
    WeightedSpec spec = (WeightedSpec) layer.spec();
    if (spec instanceof DenseSpec) {
      return new Int8Dense(name, inputs, Math.toIntExact(inputShape.elements()),
          layer.outputShape(), codes, biasCodes, multipliers, shifts, in.zeroPoint(), out,
          clamp[0], clamp[1]);
    }
    if (multipliers.length == 1) {
      multipliers = repeat(multipliers[0], channels);
      shifts = repeat(shifts[0], channels);
    }
    boolean depthwise = spec instanceof DepthwiseConv2DSpec;
    ConvGeometry geometry = depthwise
        ? ConvGeometry.of((DepthwiseConv2DSpec) spec)
        : ConvGeometry.of((Conv2DSpec) spec);
    return new Int8Conv(name, inputs, inputShape, layer.outputShape(), geometry, depthwise, codes,
        biasCodes, multipliers, shifts, in.zeroPoint(), out, clamp[0], clamp[1]);
  }

  /** Folds BatchNorm {@code bn} into {@code w} and {@code bias}, rounding as the QAT op does. */
  private void fold(String bn, double[] w, int perChannel, double[] bias) {
    double epsilon = ((BatchNormSpec) trained.graph().layer(bn).spec()).epsilon();
    double[] gamma = trained.values(bn, "gamma");
    double[] beta = trained.values(bn, "beta");
    double[] mean = trained.values(bn, "runningMean");
    double[] var = trained.values(bn, "runningVar");
    for (int o = 0; o < gamma.length; o++) {
      // float32 as FoldedBatchNormOp computes it, so the weights match the QAT graph's.
      float std = (float) Math.sqrt((float) (var[o] + epsilon));
      float s = (float) (gamma[o] / std);
      for (int k = o * perChannel; k < (o + 1) * perChannel; k++) {
        w[k] = (float) w[k] * s;
      }
      bias[o] = beta[o] + s * (bias[o] - mean[o]);
    }
  }

  /** The output clamp of the activation fused into this layer or built into its spec. */
  private int[] clamp(QuantParams out) {
    Activation activation = ((WeightedSpec) layer.spec()).activation();
    if (layer.fusedActivation().isPresent()) {
      LayerKind kind = trained.graph().layer(layer.fusedActivation().get()).kind();
      activation = kind == LayerKind.RELU6 ? Activation.RELU6 : Activation.RELU;
    }
    return Clamps.of(activation, out);
  }

  private static int saturate(long v) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }

  private static int[] repeat(int v, int n) {
    int[] out = new int[n];
    java.util.Arrays.fill(out, v);
    return out;
  }
}
