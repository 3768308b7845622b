package io.qat4j.runtime.export.onnx;

import io.qat4j.model.Shape;
import io.qat4j.runtime.layers.ConvGeometry;
import java.util.ArrayList;
import java.util.List;

/** The ONNX nodes both exports write the same way: windows, pools, reshapes. */
final class OnnxLayers {
  private OnnxLayers() {}

  /**
   * {@code kernel_shape}, {@code strides}, {@code dilations} (when not 1) and explicit {@code
   * pads} [top, left, bottom, right] of {@code g} over an input of {@code height × width}:
   * TensorFlow's SAME puts the odd pixel at the bottom/right, which ONNX's {@code auto_pad} does
   * not promise, so the pads are written out.
   */
  static List<OnnxAttribute> window(ConvGeometry g, int height, int width) {
    long top = g.padTop(height);
    long left = g.padLeft(width);
    long bottom = Math.max(0, (g.outputHeight(height) - 1) * g.strideH()
        + (long) (g.kernelH() - 1) * g.dilationH() + 1 - height - top);
    long right = Math.max(0, (g.outputWidth(width) - 1) * g.strideW()
        + (long) (g.kernelW() - 1) * g.dilationW() + 1 - width - left);
    List<OnnxAttribute> a = new ArrayList<>(List.of(
        OnnxAttribute.ints("kernel_shape", g.kernelH(), g.kernelW()),
        OnnxAttribute.ints("strides", g.strideH(), g.strideW()),
        OnnxAttribute.ints("pads", top, left, bottom, right)));
    if (g.dilationH() != 1 || g.dilationW() != 1) {
      a.add(OnnxAttribute.ints("dilations", g.dilationH(), g.dilationW()));
    }
    return a;
  }

  /** MaxPool or AveragePool (padding not counted) of {@code in} into {@code out}. */
  static void pool(OnnxGraph graph, String name, boolean average, ConvGeometry g, Shape input,
      String in, String out) {
    List<OnnxAttribute> attributes = window(g, input.dim(1), input.dim(2));
    if (average) {
      attributes.add(OnnxAttribute.of("count_include_pad", 0L));
    }
    graph.node(average ? "AveragePool" : "MaxPool", name, List.of(in), List.of(out), attributes);
  }

  /** GlobalAveragePool, flattened to {@code [N, C]} as the model's global pool outputs. */
  static void globalAveragePool(OnnxGraph graph, String name, String in, String out) {
    String pooled = name + "/pooled";
    graph.node("GlobalAveragePool", name, List.of(in), List.of(pooled), List.of());
    graph.node("Flatten", name + "/flatten", List.of(pooled), List.of(out),
        List.of(OnnxAttribute.of("axis", 1L)));
  }

  /** Reshape of each example to {@code to}, the batch dimension kept. */
  static void reshape(OnnxGraph graph, String name, Shape to, String in, String out) {
    long[] dims = new long[to.rank() + 1];
    for (int i = 0; i < to.rank(); i++) {
      dims[i + 1] = to.dim(i);
    }
    // 0 copies the batch dimension from the input.
    graph.int64s(name + "/shape", new long[] {dims.length}, dims);
    graph.node("Reshape", name, List.of(in, name + "/shape"), List.of(out), List.of());
  }

  /** {@code [N, ...shape]} with the batch dimension symbolic. */
  static List<Object> batchOf(Shape shape) {
    List<Object> dims = new ArrayList<>();
    dims.add("N");
    shape.dims().forEach(d -> dims.add((long) d));
    return dims;
  }
}
