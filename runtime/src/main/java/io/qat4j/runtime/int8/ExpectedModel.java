package io.qat4j.runtime.int8;

import io.qat4j.model.LayerKind;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.Shape;
import io.qat4j.plan.QuantizedGraph;
import io.qat4j.plan.QuantizedLayer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a quantized graph requires of its int8 model: one int8 layer per graph layer that runs, in
 * order. BatchNorm layers folded into a weighted layer and activations fused into an anchor
 * ({@link QuantizedLayer#foldedInto()} present) have no int8 layer; whoever reads them reads the
 * anchor instead.
 *
 * @param graph the graph
 * @param layers the int8 layers it requires, in order
 * @param outputTensor the int8 tensor that holds the graph's output
 */
record ExpectedModel(QuantizedGraph graph, List<ExpectedLayer> layers, String outputTensor) {

  /** Copies the layers. */
  ExpectedModel {
    layers = List.copyOf(layers);
  }

  /** The requirements of {@code graph}; {@code file} only words the message if it has none. */
  static ExpectedModel of(QuantizedGraph graph, Path file) throws InvalidModelFileException {
    Map<String, Shape> shapes = new HashMap<>();
    shapes.put(ModelDecl.INPUT, graph.input());
    List<ExpectedLayer> layers = new ArrayList<>();
    for (QuantizedLayer layer : graph.layers()) {
      List<String> inputs = new ArrayList<>();
      List<Shape> inputShapes = new ArrayList<>();
      for (String in : layer.inputs()) {
        inputs.add(graph.producer(in));
        inputShapes.add(shapes.get(in));
      }
      shapes.put(layer.name(), layer.outputShape());
      if (layer.foldedInto().isPresent()) {
        continue;
      }
      int tag = ExpectedLayer.tagFor(layer.kind());
      if (tag < 0) {
        throw new InvalidModelFileException(file, "model " + graph.name() + " has layer '"
            + layer.name() + "', " + unsupported(layer.kind()) + ", which no int8 layer runs, so"
            + " no int8 model file can match it; change the model so that the layer folds or"
            + " fuses, or keep it in float");
      }
      layers.add(new ExpectedLayer(layer, tag, inputs, inputShapes));
    }
    return new ExpectedModel(graph, layers, graph.producer(graph.output().name()));
  }

  private static String unsupported(LayerKind kind) {
    return switch (kind) {
      case BATCH_NORM -> "a BatchNorm that does not fold into a Conv2D, DepthwiseConv2D or Dense"
          + " right before it";
      case RELU, RELU6 -> "a " + kind.annotationName() + " that does not fuse into a Conv2D,"
          + " DepthwiseConv2D, Dense or Add right before it";
      default -> "a " + kind.annotationName() + " layer";
    };
  }

  /** The model name. */
  String name() {
    return graph.name();
  }

  /** Names of the int8 layers, in order. */
  List<String> layerNames() {
    return layers.stream().map(ExpectedLayer::name).toList();
  }
}
