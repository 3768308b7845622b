package io.qat4j.plan;

import io.qat4j.model.LayerDecl;
import io.qat4j.model.LayerKind;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.ModelGraph;
import io.qat4j.quant.DefaultEightBitScheme;
import io.qat4j.quant.FusionPatterns;
import io.qat4j.quant.LayerQuantization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the default 8-bit scheme to a valid declaration: decides folding and fusion first, then
 * how every tensor is quantized.
 */
final class QuantizationPlanner {
  private final ModelDecl decl;
  private final ModelGraph graph;
  private final Map<String, LayerQuantization> settings = new HashMap<>();
  /** BatchNorm or activation to the layer it folds into. */
  private final Map<String, String> foldedInto = new HashMap<>();
  private final Map<String, String> foldedBatchNorm = new HashMap<>();
  private final Map<String, String> fusedActivation = new HashMap<>();

  private QuantizationPlanner(ModelDecl decl) {
    this.decl = decl;
    this.graph = ModelGraph.of(decl);
    for (LayerDecl layer : decl.layers()) {
      settings.put(layer.name(), LayerQuantization.of(decl, layer));
    }
  }

  static QuantizedGraph plan(ModelDecl decl) {
    return new QuantizationPlanner(decl).plan();
  }

  private QuantizedGraph plan() {
    for (int i = 0; i < decl.layers().size(); i++) {
      decideFusion(i);
    }
    List<QuantizedLayer> layers = new ArrayList<>();
    Map<String, TensorQuant> outputs = new HashMap<>();
    outputs.put(ModelDecl.INPUT, boundaryQuant(ModelDecl.INPUT).orElse(TensorQuant.notQuantized()));
    for (int i = 0; i < decl.layers().size(); i++) {
      LayerDecl layer = decl.layers().get(i);
      String name = layer.name();
      List<String> inputs = decl.inputsOf(i);
      LayerQuantization q = settings.get(name);
      TensorQuant output = outputQuant(layer, q, outputs.get(inputs.get(0)));
      outputs.put(name, output);
      layers.add(
          new QuantizedLayer(
              name,
              layer.spec(),
              inputs,
              graph.shapeOf(name).orElseThrow(),
              q.enabled() ? q.weights() : Optional.empty(),
              output,
              Optional.ofNullable(foldedInto.get(name)),
              Optional.ofNullable(foldedBatchNorm.get(name)),
              Optional.ofNullable(fusedActivation.get(name))));
    }
    return new QuantizedGraph(decl.name(), decl.input(), outputs.get(ModelDecl.INPUT), layers);
  }

  /** Folds a BatchNorm into its producer, and fuses an activation into its anchor. */
  private void decideFusion(int i) {
    LayerDecl layer = decl.layers().get(i);
    if (!settings.get(layer.name()).enabled()) {
      return;
    }
    String from = decl.inputsOf(i).get(0);
    if (ModelDecl.INPUT.equals(from) || !soleUserIs(from, layer.name())) {
      return;
    }
    LayerDecl producer = decl.layers().get(graph.indexOf(from));
    if (!settings.get(from).enabled()) {
      return;
    }
    if (layer.spec().kind() == LayerKind.BATCH_NORM
        && FusionPatterns.foldsBatchNorm(producer.spec())) {
      foldedInto.put(layer.name(), from);
      foldedBatchNorm.put(from, layer.name());
    } else if (FusionPatterns.isFusableActivation(layer.spec().kind())) {
      String anchor = foldedInto.getOrDefault(from, from);
      LayerDecl anchorLayer = decl.layers().get(graph.indexOf(anchor));
      // One activation per group: a second one in a row keeps its own fake quantization.
      if (FusionPatterns.fusesActivation(anchorLayer.spec())
          && !fusedActivation.containsKey(anchor)) {
        foldedInto.put(layer.name(), anchor);
        fusedActivation.put(anchor, layer.name());
      }
    }
  }

  private TensorQuant outputQuant(LayerDecl layer, LayerQuantization q, TensorQuant input) {
    String name = layer.name();
    if (!q.enabled()) {
      return boundaryQuant(name).orElse(TensorQuant.notQuantized());
    }
    String anchor = foldedInto.getOrDefault(name, name);
    String carrier = carrierOf(anchor);
    if (!carrier.equals(name)) {
      return TensorQuant.insideFusedGroup(carrier);
    }
    return switch (DefaultEightBitScheme.output(layer.spec().kind())) {
      case OWN_RANGE, FOLDED -> TensorQuant.fakeQuant(q.activations());
      case SAME_AS_INPUT ->
          input instanceof TensorQuant.NotQuantized ? input : TensorQuant.sameAsInput();
      case FIXED ->
          TensorQuant.fixed(
              DefaultEightBitScheme.SOFTMAX_SCALE, DefaultEightBitScheme.SOFTMAX_ZERO_POINT);
      case BY_CONFIG -> TensorQuant.byConfig(q.config().orElseThrow());
    };
  }

  /** The last layer of the fused group anchored at {@code anchor}. */
  private String carrierOf(String anchor) {
    if (fusedActivation.containsKey(anchor)) {
      return fusedActivation.get(anchor);
    }
    return foldedBatchNorm.getOrDefault(anchor, anchor);
  }

  /**
   * A float tensor that feeds a quantized layer is fake-quantized where it crosses over, with that
   * layer's activation scheme, so the int8 model can quantize it there.
   */
  private Optional<TensorQuant> boundaryQuant(String tensor) {
    for (String user : graph.consumersOf(tensor)) {
      LayerQuantization q = settings.get(user);
      if (q.enabled()) {
        return Optional.of(TensorQuant.fakeQuant(q.activations()));
      }
    }
    return Optional.empty();
  }

  private boolean soleUserIs(String producer, String user) {
    List<String> users = graph.consumersOf(producer);
    return users.size() == 1 && users.get(0).equals(user);
  }
}
