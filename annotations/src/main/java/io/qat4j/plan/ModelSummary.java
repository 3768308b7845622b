package io.qat4j.plan;

import io.qat4j.model.LayerKind;
import io.qat4j.model.QuantScheme;
import io.qat4j.model.Shape;
import io.qat4j.model.WeightedSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-layer output shape, parameters, multiply-accumulates and storage, with totals: what the
 * processor prints with {@code -Aqat4j.summary=true} and the generated class returns.
 *
 * @param model the model name
 * @param input shape of one input example
 * @param layers one row per layer, in execution order
 */
public record ModelSummary(String model, Shape input, List<LayerSummary> layers) {

  /** Copies {@code layers}. */
  public ModelSummary {
    layers = List.copyOf(layers);
  }

  /** The summary of {@code graph}. */
  public static ModelSummary of(QuantizedGraph graph) {
    Map<String, Shape> shapes = new HashMap<>();
    shapes.put(io.qat4j.model.ModelDecl.INPUT, graph.input());
    List<LayerSummary> rows = new ArrayList<>();
    for (QuantizedLayer layer : graph.layers()) {
      List<Shape> in = layer.inputs().stream().map(shapes::get).toList();
      shapes.put(layer.name(), layer.outputShape());
      long params = layer.spec().parameters(in);
      rows.add(
          new LayerSummary(
              layer.name(),
              layer.kind(),
              layer.outputShape(),
              params,
              layer.spec().macs(in, layer.outputShape()),
              4 * params,
              int8Bytes(layer, params),
              describe(layer)));
    }
    return new ModelSummary(graph.name(), graph.input(), rows);
  }

  /** Sum of the parameters. */
  public long totalParameters() {
    return layers.stream().mapToLong(LayerSummary::parameters).sum();
  }

  /** Sum of the multiply-accumulates per example. */
  public long totalMacs() {
    return layers.stream().mapToLong(LayerSummary::macs).sum();
  }

  /** Sum of the float32 bytes. */
  public long totalFloat32Bytes() {
    return layers.stream().mapToLong(LayerSummary::float32Bytes).sum();
  }

  /** Sum of the int8 bytes. */
  public long totalInt8Bytes() {
    return layers.stream().mapToLong(LayerSummary::int8Bytes).sum();
  }

  /** A fixed-width text table, the same for the same model on every machine. */
  public String render() {
    StringBuilder b = new StringBuilder();
    b.append("Model ").append(model).append(", input ").append(input).append('\n');
    String row = "%-14s %-16s %-14s %11s %13s %12s %10s  %s%n";
    b.append(String.format(Locale.ROOT, row, "layer", "kind", "output", "params", "MACs",
        "float32 B", "int8 B", "quantization"));
    for (LayerSummary l : layers) {
      b.append(String.format(Locale.ROOT, row, l.name(), l.kind().annotationName(),
          l.outputShape(), n(l.parameters()), n(l.macs()), n(l.float32Bytes()),
          n(l.int8Bytes()), l.quantization()));
    }
    b.append(String.format(Locale.ROOT, row, "total", "", "", n(totalParameters()),
        n(totalMacs()), n(totalFloat32Bytes()), n(totalInt8Bytes()), ""));
    return b.toString();
  }

  private static String n(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  private static long int8Bytes(QuantizedLayer layer, long params) {
    if (layer.foldedInto().isPresent()) {
      return 0;
    }
    if (layer.weights().isEmpty()) {
      // No quantized weights: a layer kept float stores float32, even when its output is
      // fake-quantized where it feeds a quantized layer; a quantized layer without weights has
      // no parameters (a quantized BatchNorm is folded, above).
      return 4 * params;
    }
    long channels = layer.outputShape().dim(0);
    boolean ownBias = layer.spec() instanceof WeightedSpec w && w.bias();
    boolean hasBias = ownBias || layer.foldedBatchNorm().isPresent();
    long biases = ownBias ? channels : 0;
    long weights = params - biases;
    int bytesPerWeight = layer.weights().get().bits() <= 8 ? 1 : 2;
    return weights * bytesPerWeight + (hasBias ? 4 * channels : 0);
  }

  private static String describe(QuantizedLayer layer) {
    List<String> parts = new ArrayList<>();
    layer.weights().ifPresent(w -> parts.add("weights " + scheme(w)));
    TensorQuant out = layer.output();
    if (out instanceof TensorQuant.FakeQuant f) {
      parts.add("output " + scheme(f.scheme()));
    } else if (out instanceof TensorQuant.SameAsInput) {
      parts.add("keeps input range");
    } else if (out instanceof TensorQuant.Fixed f) {
      parts.add(String.format(Locale.ROOT, "output fixed 1/%d zp %d",
          Math.round(1 / f.scale()), f.zeroPoint()));
    } else if (out instanceof TensorQuant.ByConfig c) {
      parts.add("by " + c.config());
    } else if (out instanceof TensorQuant.NotQuantized) {
      parts.add("float");
    }
    layer.foldedBatchNorm().ifPresent(bn -> parts.add("folds " + bn));
    layer.fusedActivation().ifPresent(a -> parts.add("fuses " + a));
    layer.foldedInto().ifPresent(a -> parts.add(
        (layer.kind() == LayerKind.BATCH_NORM ? "folded into " : "fused into ") + a));
    return String.join(", ", parts);
  }

  private static String scheme(QuantScheme s) {
    return (s.symmetric() ? "sym " : "asym ") + "int" + s.bits()
        + (s.perAxis() ? " per-channel" : "") + (s.narrowRange() ? " narrow" : "");
  }
}
