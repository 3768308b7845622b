package io.qat4j.runtime.int8;

import io.qat4j.annotation.Padding;
import io.qat4j.model.AvgPoolSpec;
import io.qat4j.model.ConcatSpec;
import io.qat4j.model.Conv2DSpec;
import io.qat4j.model.DepthwiseConv2DSpec;
import io.qat4j.model.LayerKind;
import io.qat4j.model.MaxPoolSpec;
import io.qat4j.model.Shape;
import io.qat4j.plan.QuantizedLayer;
import io.qat4j.runtime.layers.ConvGeometry;
import java.util.List;

/**
 * What a graph requires of the int8 layer that runs one of its layers: the record kind, the
 * tensors it reads (folded and fused layers replaced by their anchors), their shapes, its output
 * shape, its geometry and the length of each of its arrays.
 *
 * @param layer the graph layer the int8 layer runs (for a fused group, the anchor)
 * @param tag the {@link ModelFileFormat} tag of the record that runs it
 * @param inputs the int8 tensors it reads
 * @param inputShapes their shapes
 */
record ExpectedLayer(QuantizedLayer layer, int tag, List<String> inputs, List<Shape> inputShapes) {

  /** Copies the lists. */
  ExpectedLayer {
    inputs = List.copyOf(inputs);
    inputShapes = List.copyOf(inputShapes);
  }

  /**
   * The tag of the record that runs a layer of this kind, or -1 if no int8 layer runs it (a
   * BatchNorm or activation that did not fold or fuse, or a custom layer).
   */
  static int tagFor(LayerKind kind) {
    return switch (kind) {
      case CONV2D, DEPTHWISE_CONV2D -> ModelFileFormat.TAG_CONV;
      case DENSE -> ModelFileFormat.TAG_DENSE;
      case MAX_POOL, AVG_POOL, GLOBAL_AVG_POOL -> ModelFileFormat.TAG_POOL;
      case ADD -> ModelFileFormat.TAG_ADD;
      case CONCAT -> ModelFileFormat.TAG_CONCAT;
      case FLATTEN, RESHAPE, DROPOUT -> ModelFileFormat.TAG_RESHAPE;
      case SOFTMAX -> ModelFileFormat.TAG_SOFTMAX;
      case BATCH_NORM, RELU, RELU6, CUSTOM -> -1;
    };
  }

  String name() {
    return layer.name();
  }

  /** The declared kind, as its annotation is named. */
  String kindName() {
    return layer.kind().annotationName();
  }

  /** The graph layer's own output shape. */
  Shape outputShape() {
    return layer.outputShape();
  }

  /** Shape of the first input. */
  Shape inputShape() {
    return inputShapes.get(0);
  }

  boolean depthwise() {
    return layer.kind() == LayerKind.DEPTHWISE_CONV2D;
  }

  boolean average() {
    return layer.kind() != LayerKind.MAX_POOL;
  }

  /** Output channels of a convolution, units of a dense layer. */
  int channels() {
    return outputShape().dim(0);
  }

  /** Values in one example of the first input: a dense layer's input size. */
  long inputElements() {
    return inputShape().elements();
  }

  /**
   * Weight count: {@code O × C × kh × kw} for a convolution, {@code O × 1 × kh × kw} depthwise,
   * {@code units × inputSize} for a dense layer.
   */
  long weightCount() {
    if (layer.kind() == LayerKind.DENSE) {
      return multiply(channels(), inputElements());
    }
    ConvGeometry g = geometry();
    long perOutput = multiply(depthwise() ? 1 : inputShape().dim(0),
        (long) g.kernelH() * g.kernelW());
    return multiply(channels(), perOutput);
  }

  private static long multiply(long a, long b) {
    return a > Long.MAX_VALUE / Math.max(b, 1) ? Long.MAX_VALUE : a * b;
  }

  /** The declared window of a convolution or pool; a global pool's is the whole input. */
  ConvGeometry geometry() {
    return switch (layer.kind()) {
      case CONV2D -> ConvGeometry.of((Conv2DSpec) layer.spec());
      case DEPTHWISE_CONV2D -> ConvGeometry.of((DepthwiseConv2DSpec) layer.spec());
      case MAX_POOL -> ConvGeometry.of((MaxPoolSpec) layer.spec());
      case AVG_POOL -> ConvGeometry.of((AvgPoolSpec) layer.spec());
      case GLOBAL_AVG_POOL ->
          new ConvGeometry(inputShape().dim(1), inputShape().dim(2), 1, 1, 1, 1, Padding.VALID);
      default -> throw new IllegalStateException(name() + " has no window");
    };
  }

  /**
   * Whether {@code g} is the declared window. For a global pool, the strides are free: the window
   * covers the input, so there is one output position whatever they are.
   */
  boolean fits(ConvGeometry g) {
    ConvGeometry declared = geometry();
    if (layer.kind() == LayerKind.GLOBAL_AVG_POOL) {
      return g.kernelH() == declared.kernelH() && g.kernelW() == declared.kernelW()
          && g.dilationH() == 1 && g.dilationW() == 1 && g.padding() == Padding.VALID;
    }
    return g.equals(declared);
  }

  /** A concatenation's axis, counted from the front. */
  int concatAxis() {
    int axis = ((ConcatSpec) layer.spec()).axis();
    return axis < 0 ? axis + outputShape().rank() : axis;
  }
}
