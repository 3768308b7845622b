package io.qat4j.runtime.export.onnx;

import io.qat4j.annotation.Activation;
import io.qat4j.model.AddSpec;
import io.qat4j.model.AvgPoolSpec;
import io.qat4j.model.BatchNormSpec;
import io.qat4j.model.ConcatSpec;
import io.qat4j.model.Conv2DSpec;
import io.qat4j.model.DenseSpec;
import io.qat4j.model.DepthwiseConv2DSpec;
import io.qat4j.model.DropoutSpec;
import io.qat4j.model.FlattenSpec;
import io.qat4j.model.GlobalAvgPoolSpec;
import io.qat4j.model.LayerSpec;
import io.qat4j.model.MaxPoolSpec;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.Relu6Spec;
import io.qat4j.model.ReluSpec;
import io.qat4j.model.ReshapeSpec;
import io.qat4j.model.Shape;
import io.qat4j.model.SoftmaxSpec;
import io.qat4j.plan.QuantizedGraph;
import io.qat4j.plan.QuantizedLayer;
import io.qat4j.runtime.cpu.Vectors;
import io.qat4j.runtime.files.AtomicFile;
import io.qat4j.runtime.graph.NamedParam;
import io.qat4j.runtime.layers.ConvGeometry;
import io.qat4j.runtime.qat.TrainableModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports the float model (before quantization, BatchNorm as its own node) as ONNX opset 13, for
 * comparison with the QDQ export: same input name {@code input}, and each layer's output carries
 * the layer's name.
 */
public final class FloatExport {
  private final TrainableModel model;
  private final QuantizedGraph graphSpec;
  private final OnnxGraph graph;
  private final Map<String, float[]> values = new HashMap<>();
  private final Map<String, Shape> shapes = new HashMap<>();

  private FloatExport(TrainableModel model) {
    this.model = model;
    this.graphSpec = model.graph();
    this.graph = new OnnxGraph(graphSpec.name());
    for (NamedParam p : model.tensors()) {
      values.put(p.name(), floats(Vectors.read(p.param().value())));
    }
  }

  /** Writes the float model of {@code model} to {@code file} atomically. */
  public static void write(TrainableModel model, Path file) throws IOException {
    java.util.Objects.requireNonNull(file, "file is null; pass the path to write the ONNX model to");
    AtomicFile.write(file, toBytes(model));
  }

  /**
   * The serialized ONNX model.
   *
   * @throws IllegalArgumentException if {@code model} is not a float model, or has a custom layer
   */
  public static byte[] toBytes(TrainableModel model) {
    java.util.Objects.requireNonNull(model, "model is null; pass the float model to export");
    if (model.mode() != TrainableModel.Mode.FLOAT) {
      throw new IllegalArgumentException("model " + model.graph().name() + " is a QAT model;"
          + " export its float form (TrainableModel.floatModel), or export the int8 model with"
          + " QdqExport");
    }
    return new FloatExport(model).build();
  }

  private byte[] build() {
    shapes.put(ModelDecl.INPUT, graphSpec.input());
    graph.input(ModelDecl.INPUT, OnnxGraph.FLOAT, OnnxLayers.batchOf(graphSpec.input()));
    for (QuantizedLayer layer : graphSpec.layers()) {
      layer(layer);
      shapes.put(layer.name(), layer.outputShape());
    }
    QuantizedLayer out = graphSpec.output();
    graph.output(out.name(), OnnxGraph.FLOAT, OnnxLayers.batchOf(out.outputShape()));
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("qat4j.model", graphSpec.name());
    metadata.put("qat4j.scheme", "float32");
    return graph.model(QdqExport.IR_VERSION, QdqExport.OPSET, "qat4j", "0.1.0-SNAPSHOT",
        metadata);
  }

  private void layer(QuantizedLayer layer) {
    String name = layer.name();
    List<String> in = layer.inputs();
    Shape inShape = shapes.get(in.get(0));
    LayerSpec spec = layer.spec();
    if (spec instanceof Conv2DSpec c) {
      conv(name, in.get(0), inShape, ConvGeometry.of(c), 1, c.bias(), c.activation());
    } else if (spec instanceof DepthwiseConv2DSpec d) {
      conv(name, in.get(0), inShape, ConvGeometry.of(d), inShape.dim(0), d.bias(),
          d.activation());
    } else if (spec instanceof DenseSpec d) {
      dense(name, in.get(0), d);
    } else if (spec instanceof BatchNormSpec b) {
      List<String> params = new ArrayList<>(List.of(in.get(0)));
      for (String p : List.of("gamma", "beta", "runningMean", "runningVar")) {
        params.add(initializer(name + "." + p));
      }
      graph.node("BatchNormalization", name, params, List.of(name),
          List.of(OnnxAttribute.of("epsilon", (float) b.epsilon())));
    } else if (spec instanceof ReluSpec) {
      graph.node("Relu", name, in, List.of(name), List.of());
    } else if (spec instanceof Relu6Spec) {
      relu6(name, in.get(0), name);
    } else if (spec instanceof MaxPoolSpec m) {
      OnnxLayers.pool(graph, name, false, ConvGeometry.of(m), inShape, in.get(0), name);
    } else if (spec instanceof AvgPoolSpec a) {
      OnnxLayers.pool(graph, name, true, ConvGeometry.of(a), inShape, in.get(0), name);
    } else if (spec instanceof GlobalAvgPoolSpec) {
      OnnxLayers.globalAveragePool(graph, name, in.get(0), name);
    } else if (spec instanceof AddSpec) {
      graph.node(in.size() == 2 ? "Add" : "Sum", name, in, List.of(name), List.of());
    } else if (spec instanceof ConcatSpec c) {
      int axis = c.axis() < 0 ? c.axis() + layer.outputShape().rank() : c.axis();
      graph.node("Concat", name, in, List.of(name),
          List.of(OnnxAttribute.of("axis", (long) axis + 1)));
    } else if (spec instanceof FlattenSpec || spec instanceof ReshapeSpec) {
      OnnxLayers.reshape(graph, name, layer.outputShape(), in.get(0), name);
    } else if (spec instanceof DropoutSpec) {
      graph.node("Identity", name, in, List.of(name), List.of());
    } else if (spec instanceof SoftmaxSpec) {
      graph.node("Softmax", name, in, List.of(name), List.of(OnnxAttribute.of("axis", -1L)));
    } else {
      throw new IllegalArgumentException("layer " + name + " (" + spec.kind() + ") has no ONNX"
          + " operator: custom layers cannot be exported");
    }
  }

  private void conv(String name, String in, Shape inShape, ConvGeometry g, long group,
      boolean bias, Activation activation) {
    List<String> inputs = new ArrayList<>(List.of(in, weight(name, g, inShape, group)));
    if (bias) {
      inputs.add(initializer(name + ".bias"));
    }
    List<OnnxAttribute> attributes = OnnxLayers.window(g, inShape.dim(1), inShape.dim(2));
    attributes.add(OnnxAttribute.of("group", group));
    String out = activation == Activation.NONE ? name : name + "/linear";
    graph.node("Conv", name, inputs, List.of(out), attributes);
    activation(name, out, activation);
  }

  private String weight(String name, ConvGeometry g, Shape inShape, long group) {
    float[] w = values.get(name + ".weight");
    long perOutput = (inShape.dim(0) / group) * (long) g.kernelH() * g.kernelW();
    long[] dims = {w.length / perOutput, inShape.dim(0) / group, g.kernelH(), g.kernelW()};
    graph.floats(name + ".weight", dims, w);
    return name + ".weight";
  }

  private void dense(String name, String in, DenseSpec d) {
    float[] w = values.get(name + ".weight");
    graph.floats(name + ".weight", new long[] {d.units(), w.length / d.units()}, w);
    List<String> inputs = new ArrayList<>(List.of(in, name + ".weight"));
    if (d.bias()) {
      inputs.add(initializer(name + ".bias"));
    }
    String out = d.activation() == Activation.NONE ? name : name + "/linear";
    graph.node("Gemm", name, inputs, List.of(out), List.of(OnnxAttribute.of("transB", 1L)));
    activation(name, out, d.activation());
  }

  private void activation(String name, String in, Activation activation) {
    if (activation == Activation.RELU) {
      graph.node("Relu", name + "/relu", List.of(in), List.of(name), List.of());
    } else if (activation == Activation.RELU6) {
      relu6(name + "/relu6", in, name);
    }
  }

  private void relu6(String node, String in, String out) {
    graph.floats(node + "/min", new long[0], new float[] {0});
    graph.floats(node + "/max", new long[0], new float[] {6});
    graph.node("Clip", node, List.of(in, node + "/min", node + "/max"), List.of(out), List.of());
  }

  /** A 1-D float initializer of parameter or statistic {@code key}. */
  private String initializer(String key) {
    float[] v = values.get(key);
    graph.floats(key, new long[] {v.length}, v);
    return key;
  }

  private static float[] floats(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }
}
