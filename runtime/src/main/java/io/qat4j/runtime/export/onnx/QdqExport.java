package io.qat4j.runtime.export.onnx;

import io.qat4j.model.QuantScheme;
import io.qat4j.plan.QuantizedLayer;
import io.qat4j.runtime.files.AtomicFile;
import io.qat4j.runtime.int8.Int8Add;
import io.qat4j.runtime.int8.Int8Concat;
import io.qat4j.runtime.int8.Int8Conv;
import io.qat4j.runtime.int8.Int8Dense;
import io.qat4j.runtime.int8.Int8Layer;
import io.qat4j.runtime.int8.Int8Model;
import io.qat4j.runtime.int8.Int8Pool;
import io.qat4j.runtime.int8.Int8Reshape;
import io.qat4j.runtime.int8.Int8Softmax;
import io.qat4j.runtime.int8.QuantParams;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports an {@link Int8Model} as an ONNX model in QDQ form (opset 13, IR 7): every int8 tensor is
 * a {@code QuantizeLinear} / {@code DequantizeLinear} pair with scalar scale and zero point around
 * the float operator that computes it; weights are int8 initializers dequantized per output
 * channel ({@code axis} set), biases int32 with scale {@code input_scale × weight_scale}. Runtimes
 * such as ONNX Runtime fuse these patterns into integer kernels.
 *
 * <p>Tensor names: the model input is {@code input}; the float value of each layer's output
 * carries the layer's name; the graph output is the output layer's name. Node names start with
 * the layer's name.
 */
public final class QdqExport {
  /** The ONNX IR version written. */
  public static final long IR_VERSION = 7;
  /** The default-domain opset written. */
  public static final long OPSET = 13;
  private static final String PRODUCER = "qat4j";
  private static final String VERSION = "0.1.0-SNAPSHOT";

  private final Int8Model model;
  private final OnnxGraph graph;
  private final Map<String, String> floatTensor = new HashMap<>();

  private QdqExport(Int8Model model) {
    this.model = model;
    this.graph = new OnnxGraph(model.graph().name());
  }

  /** Writes the QDQ model of {@code model} to {@code file} atomically. */
  public static void write(Int8Model model, Path file) throws IOException {
    java.util.Objects.requireNonNull(file, "file is null; pass the path to write the ONNX model to");
    AtomicFile.write(file, toBytes(model));
  }

  /**
   * The serialized ONNX model.
   *
   * @throws IllegalArgumentException if a layer of the graph is quantized with other than 8 bits
   */
  public static byte[] toBytes(Int8Model model) {
    java.util.Objects.requireNonNull(model, "model is null; pass the Int8Model to export");
    checkEightBit(model);
    return new QdqExport(model).build();
  }

  private static void checkEightBit(Int8Model model) {
    for (QuantizedLayer l : model.graph().layers()) {
      if (l.weights().isPresent() && l.weights().get().bits() != 8) {
        QuantScheme s = l.weights().get();
        throw new IllegalArgumentException("layer " + l.name() + " of " + model.graph().name()
            + " quantizes its weights to " + s.bits() + " bits; ONNX QDQ export writes int8"
            + " tensors only. Use the default 8-bit scheme for it (the processor warned about"
            + " this at compile time: NotEightBit).");
      }
    }
  }

  private byte[] build() {
    graph.input(Int8Model.INPUT, OnnxGraph.FLOAT, OnnxLayers.batchOf(model.inputShape()));
    floatTensor.put(Int8Model.INPUT, requantize(Int8Model.INPUT, Int8Model.INPUT, model.input()));
    for (Int8Layer layer : model.layers()) {
      String pre = layer(layer);
      floatTensor.put(layer.name(), requantize(layer.name(), pre, layer.output()));
    }
    graph.output(floatTensor.get(model.outputTensor()), OnnxGraph.FLOAT,
        OnnxLayers.batchOf(model.outputShape()));
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("qat4j.model", model.graph().name());
    metadata.put("qat4j.scheme", "int8: weights symmetric narrow-range, per output channel for"
        + " convolutions; activations asymmetric per tensor; bias int32 at input x weight scale");
    return graph.model(IR_VERSION, OPSET, PRODUCER, VERSION, metadata);
  }

  /**
   * {@code QuantizeLinear} then {@code DequantizeLinear} of float tensor {@code value} with {@code
   * q}; returns the name of the dequantized tensor ({@code name}, or {@code input/dq} for the
   * model input, whose name the graph input takes).
   */
  private String requantize(String name, String value, QuantParams q) {
    String scale = name + "/scale";
    String zeroPoint = name + "/zero_point";
    graph.floats(scale, new long[0], new float[] {(float) q.scale()});
    graph.int8s(zeroPoint, new long[0], new byte[] {(byte) q.zeroPoint()});
    String codes = name + "/q";
    String out = name.equals(Int8Model.INPUT) ? name + "/dq" : name;
    graph.node("QuantizeLinear", name + "/quantize", List.of(value, scale, zeroPoint),
        List.of(codes), List.of());
    graph.node("DequantizeLinear", name + "/dequantize", List.of(codes, scale, zeroPoint),
        List.of(out), List.of());
    return out;
  }

  /** The float operator(s) of {@code layer}; returns the tensor to quantize. */
  private String layer(Int8Layer layer) {
    List<String> in = layer.inputs().stream().map(floatTensor::get).toList();
    String pre = layer.name() + "/float";
    if (layer instanceof Int8Conv c) {
      return activation(c.name(), conv(c, in.get(0), pre), c.output(), c.clampMin(), c.clampMax());
    } else if (layer instanceof Int8Dense d) {
      return activation(d.name(), dense(d, in.get(0), pre), d.output(), d.clampMin(),
          d.clampMax());
    } else if (layer instanceof Int8Pool p) {
      return pool(p, in.get(0), pre);
    } else if (layer instanceof Int8Add a) {
      graph.node("Add", a.name(), in, List.of(pre), List.of());
      return activation(a.name(), pre, a.output(), a.clampMin(), a.clampMax());
    } else if (layer instanceof Int8Concat c) {
      graph.node("Concat", c.name(), in, List.of(pre),
          List.of(OnnxAttribute.of("axis", (long) c.axis() + 1)));
      return pre;
    } else if (layer instanceof Int8Softmax s) {
      graph.node("Softmax", s.name(), in, List.of(pre), List.of(OnnxAttribute.of("axis", -1L)));
      return pre;
    }
    Int8Reshape r = (Int8Reshape) layer;
    OnnxLayers.reshape(graph, r.name(), r.outputShape(), in.get(0), pre);
    return pre;
  }

  private String conv(Int8Conv c, String in, String out) {
    int outChannels = c.outputShape().dim(0);
    double inScale = model.tensorQuant(c.inputs().get(0)).scale();
    float[] weightScale = weightScales(c.name());
    long[] wDims = {outChannels, c.depthwise() ? 1 : c.inputShape().dim(0),
        c.geometry().kernelH(), c.geometry().kernelW()};
    String weight = dequantized(c.name() + "/weight", wDims, c.weights(), weightScale);
    String bias = bias(c.name(), c.bias(), weightScale, inScale);
    List<OnnxAttribute> attributes = OnnxLayers.window(c.geometry(), c.inputShape().dim(1),
        c.inputShape().dim(2));
    attributes.add(OnnxAttribute.of("group", c.depthwise() ? (long) c.inputShape().dim(0) : 1L));
    graph.node("Conv", c.name(), List.of(in, weight, bias), List.of(out), attributes);
    return out;
  }

  private String dense(Int8Dense d, String in, String out) {
    int units = d.units();
    double inScale = model.tensorQuant(d.inputs().get(0)).scale();
    float[] weightScale = weightScales(d.name());
    String weight = dequantized(d.name() + "/weight", new long[] {units, d.inputSize()},
        d.weights(), weightScale);
    float[] perUnit = weightScale;
    if (weightScale.length == 1) {
      perUnit = new float[units];
      java.util.Arrays.fill(perUnit, weightScale[0]);
    }
    String bias = bias(d.name(), d.bias(), perUnit, inScale);
    graph.node("Gemm", d.name(), List.of(in, weight, bias), List.of(out),
        List.of(OnnxAttribute.of("transB", 1L)));
    return out;
  }

  private String pool(Int8Pool p, String in, String out) {
    if (p.outputShape().rank() == 1) {
      OnnxLayers.globalAveragePool(graph, p.name(), in, out);
    } else {
      OnnxLayers.pool(graph, p.name(), p.average(), p.geometry(), p.inputShape(), in, out);
    }
    return out;
  }

  /** A fused ReLU/ReLU6 clamp as Relu or Clip before the output's quantization. */
  private String activation(String name, String value, QuantParams out, int clampMin,
      int clampMax) {
    if (clampMin <= -128 && clampMax >= 127) {
      return value;
    }
    String clamped = name + "/activation";
    if (clampMax >= 127 && clampMin == out.zeroPoint()) {
      graph.node("Relu", name + "/relu", List.of(value), List.of(clamped), List.of());
    } else {
      graph.floats(name + "/clip_min", new long[0], new float[] {(float) out.dequantize(clampMin)});
      graph.floats(name + "/clip_max", new long[0], new float[] {(float) out.dequantize(clampMax)});
      graph.node("Clip", name + "/clip",
          List.of(value, name + "/clip_min", name + "/clip_max"), List.of(clamped), List.of());
    }
    return clamped;
  }

  /** Int8 weights dequantized along axis 0 (per channel) or as a whole (one scale). */
  private String dequantized(String name, long[] dims, byte[] codes, float[] scale) {
    boolean perAxis = scale.length > 1;
    long[] scaleDims = perAxis ? new long[] {scale.length} : new long[0];
    graph.int8s(name + "/q", dims, codes);
    graph.floats(name + "/scale", scaleDims, scale);
    graph.int8s(name + "/zero_point", scaleDims, new byte[scale.length]);
    graph.node("DequantizeLinear", name + "/dequantize",
        List.of(name + "/q", name + "/scale", name + "/zero_point"), List.of(name),
        perAxis ? List.of(OnnxAttribute.of("axis", 0L)) : List.of());
    return name;
  }

  /** The int32 bias dequantized per channel at {@code input_scale × weight_scale}. */
  private String bias(String layer, int[] bias, float[] weightScale, double inScale) {
    String name = layer + "/bias";
    float[] scale = new float[bias.length];
    for (int o = 0; o < bias.length; o++) {
      scale[o] = (float) inScale * weightScale[o];
    }
    graph.int32s(name + "/q", new long[] {bias.length}, bias);
    graph.floats(name + "/scale", new long[] {bias.length}, scale);
    graph.int32s(name + "/zero_point", new long[] {bias.length}, new int[bias.length]);
    graph.node("DequantizeLinear", name + "/dequantize",
        List.of(name + "/q", name + "/scale", name + "/zero_point"), List.of(name),
        List.of(OnnxAttribute.of("axis", 0L)));
    return name;
  }

  /**
   * The weight scales the converter used, recovered from the fixed-point multipliers {@code
   * M = input_scale × weight_scale / output_scale} (31 bits of precision).
   */
  private float[] weightScales(String layer) {
    double[] scales = model.weightScales(layer);
    float[] f = new float[scales.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) scales[i];
    }
    return f;
  }
}
