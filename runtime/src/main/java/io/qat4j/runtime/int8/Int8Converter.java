package io.qat4j.runtime.int8;

import io.qat4j.model.AvgPoolSpec;
import io.qat4j.model.ConcatSpec;
import io.qat4j.model.LayerSpec;
import io.qat4j.model.MaxPoolSpec;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.Shape;
import io.qat4j.model.WeightedSpec;
import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import io.qat4j.model.AddSpec;
import io.qat4j.model.DropoutSpec;
import io.qat4j.model.FlattenSpec;
import io.qat4j.model.GlobalAvgPoolSpec;
import io.qat4j.model.ReshapeSpec;
import io.qat4j.model.SoftmaxSpec;
import io.qat4j.plan.QuantizedGraph;
import io.qat4j.plan.QuantizedLayer;
import io.qat4j.runtime.int8.kernels.AddPlan;
import io.qat4j.runtime.int8.kernels.ConcatPlan;
import io.qat4j.runtime.layers.ConvGeometry;
import io.qat4j.runtime.qat.TrainableModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a trained fake-quantized model into an integer-only {@link Int8Model}: BatchNorm folded
 * with its running statistics, weights and biases quantized on the grids training used, activation
 * scales and zero points from the tracked ranges, fused ReLU/ReLU6 as output clamps.
 *
 * <p>The result computes what the QAT graph computes in evaluation (running statistics, current
 * ranges), up to the rounding of integer arithmetic. Freeze ranges and statistics before the last
 * training steps, as {@link TrainableModel#schedule()} does, so the two agree closely.
 */
public final class Int8Converter {
  private Int8Converter() {}

  /**
   * The int8 model of {@code trained}.
   *
   * @throws IllegalArgumentException if {@code trained} is a float model, or has a layer the int8
   *     engine cannot run (a custom layer, a float layer, a standalone activation), each named
   * @throws IllegalStateException if a tensor has no range yet (neither trained nor calibrated)
   */
  public static Int8Model convert(TrainableModel trained) {
    java.util.Objects.requireNonNull(trained, "trained model is null; pass the trained QAT model");
    if (trained.mode() != TrainableModel.Mode.QAT) {
      throw new IllegalArgumentException("model " + trained.graph().name() + " is a float model;"
          + " convert a QAT model (TrainableModel.qat, trained) or a calibrated one"
          + " (TrainableModel.calibrated)");
    }
    QuantizedGraph graph = trained.graph();
    TrainedTensors tensors = new TrainedTensors(trained);
    Map<String, Shape> shapes = new HashMap<>();
    shapes.put(ModelDecl.INPUT, graph.input());
    List<Int8Layer> layers = new ArrayList<>();
    for (QuantizedLayer layer : graph.layers()) {
      shapes.put(layer.name(), layer.outputShape());
      if (layer.foldedInto().isPresent()) {
        continue;
      }
      List<String> inputs = layer.inputs().stream().map(graph::producer).toList();
      List<Shape> inputShapes = layer.inputs().stream().map(shapes::get).toList();
      layers.add(layer(layer, tensors, inputs, inputShapes));
    }
    return new Int8Model(graph, tensors.quant(ModelDecl.INPUT), layers,
        graph.producer(graph.output().name()));
  }

  private static Int8Layer layer(QuantizedLayer layer, TrainedTensors tensors,
      List<String> inputs, List<Shape> inputShapes) {
    LayerSpec spec = layer.spec();
    String name = layer.name();
    Shape out = layer.outputShape();
    if (spec instanceof WeightedSpec) {
      return new WeightedConversion(layer, tensors, inputs, inputShapes.get(0)).convert();
    } else if (spec instanceof MaxPoolSpec m) {
      return new Int8Pool(name, inputs, inputShapes.get(0), out, false, ConvGeometry.of(m),
          tensors.quant(name));
    } else if (spec instanceof AvgPoolSpec a) {
      return new Int8Pool(name, inputs, inputShapes.get(0), out, true, ConvGeometry.of(a),
          tensors.quant(name));
    } else if (spec instanceof GlobalAvgPoolSpec) {
      Shape in = inputShapes.get(0);
      ConvGeometry whole =
          new ConvGeometry(in.dim(1), in.dim(2), in.dim(1), in.dim(2), 1, 1, Padding.VALID);
      return new Int8Pool(name, inputs, in, out, true, whole, tensors.quant(name));
    } else if (spec instanceof AddSpec) {
      QuantParams q = tensors.quant(name);
      int[] clamp = Clamps.of(
          layer.fusedActivation().map(a -> activation(tensors, a)).orElse(Activation.NONE), q);
      return AddPlan.plan(name, inputs, out, tensors.quant(inputs.get(0)),
          tensors.quant(inputs.get(1)), q, clamp[0], clamp[1]);
    } else if (spec instanceof ConcatSpec c) {
      // A negative axis counts from the end of the example shape, as the float op reads it.
      int axis = c.axis() < 0 ? c.axis() + out.rank() : c.axis();
      return ConcatPlan.plan(name, inputs, inputShapes, axis, out,
          inputs.stream().map(tensors::quant).toList(), tensors.quant(name));
    } else if (spec instanceof FlattenSpec || spec instanceof ReshapeSpec
        || spec instanceof DropoutSpec) {
      return new Int8Reshape(name, inputs, out, tensors.quant(name));
    } else if (spec instanceof SoftmaxSpec) {
      QuantParams in = tensors.quant(inputs.get(0));
      return new Int8Softmax(name, inputs, out, Int8Softmax.expTable(in.scale()),
          tensors.quant(name));
    }
    throw new IllegalArgumentException("layer " + name + " (" + spec.kind() + ") of "
        + tensors.graph().name() + " cannot run in the int8 engine: it runs Conv2D,"
        + " DepthwiseConv2D, Dense (with folded BatchNorm and fused ReLU/ReLU6), pools, Add,"
        + " Concat, Flatten, Reshape, Dropout and Softmax. Custom layers and activations that"
        + " do not follow a Conv2D, DepthwiseConv2D, Dense or Add have no integer kernel.");
  }

  private static Activation activation(TrainedTensors tensors, String layer) {
    return tensors.graph().layer(layer).kind() == io.qat4j.model.LayerKind.RELU6
        ? Activation.RELU6
        : Activation.RELU;
  }
}
