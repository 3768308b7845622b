package io.qat4j.processor;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import io.qat4j.model.AddSpec;
import io.qat4j.model.AvgPoolSpec;
import io.qat4j.model.BatchNormSpec;
import io.qat4j.model.ConcatSpec;
import io.qat4j.model.Conv2DSpec;
import io.qat4j.model.CustomSpec;
import io.qat4j.model.DenseSpec;
import io.qat4j.model.DepthwiseConv2DSpec;
import io.qat4j.model.DropoutSpec;
import io.qat4j.model.FlattenSpec;
import io.qat4j.model.GlobalAvgPoolSpec;
import io.qat4j.model.LayerKind;
import io.qat4j.model.LayerSpec;
import io.qat4j.model.MaxPoolSpec;
import io.qat4j.model.Relu6Spec;
import io.qat4j.model.ReluSpec;
import io.qat4j.model.ReshapeSpec;
import io.qat4j.model.Shape;
import io.qat4j.model.SoftmaxSpec;
import java.util.Arrays;
import java.util.Optional;
import javax.lang.model.type.DeclaredType;

/** Turns one layer annotation into the {@link LayerSpec} it declares. */
final class LayerReader {
  private final AnnotationReader a;
  private final TypeChecks types;

  LayerReader(AnnotationReader reader, TypeChecks types) {
    this.a = reader;
    this.types = types;
  }

  /** The spec; meaningless when the reader is broken or has reported an error. */
  LayerSpec read(LayerKind kind) {
    return switch (kind) {
      case CONV2D -> conv2d();
      case DEPTHWISE_CONV2D -> depthwise();
      case DENSE ->
          new DenseSpec(a.intValue("units"), a.booleanValue("bias"), activation());
      case BATCH_NORM -> new BatchNormSpec(a.doubleValue("epsilon"), a.doubleValue("momentum"));
      case RELU -> new ReluSpec();
      case RELU6 -> new Relu6Spec();
      case MAX_POOL -> maxPool();
      case AVG_POOL -> avgPool();
      case GLOBAL_AVG_POOL -> new GlobalAvgPoolSpec();
      case ADD -> new AddSpec();
      case CONCAT -> new ConcatSpec(a.intValue("axis"));
      case FLATTEN -> new FlattenSpec();
      case RESHAPE ->
          new ReshapeSpec(Arrays.stream(a.intArray("shape")).boxed().toList());
      case DROPOUT -> new DropoutSpec(a.doubleValue("rate"));
      case SOFTMAX -> new SoftmaxSpec();
      case CUSTOM -> custom();
    };
  }

  private Conv2DSpec conv2d() {
    int[] k = a.pair("kernel", "a square kernel");
    int[] s = a.pair("strides", "the same stride both ways");
    int[] d = a.pair("dilation", "the same rate both ways");
    return new Conv2DSpec(a.intValue("filters"), k[0], k[1], s[0], s[1], padding(), d[0], d[1],
        a.booleanValue("bias"), activation());
  }

  private DepthwiseConv2DSpec depthwise() {
    int[] k = a.pair("kernel", "a square kernel");
    int[] s = a.pair("strides", "the same stride both ways");
    int[] d = a.pair("dilation", "the same rate both ways");
    return new DepthwiseConv2DSpec(k[0], k[1], s[0], s[1], padding(),
        a.intValue("depthMultiplier"), d[0], d[1], a.booleanValue("bias"), activation());
  }

  private MaxPoolSpec maxPool() {
    int[] size = a.pair("size", "a square window");
    int[] s = poolStrides(size);
    return new MaxPoolSpec(size[0], size[1], s[0], s[1], padding());
  }

  private AvgPoolSpec avgPool() {
    int[] size = a.pair("size", "a square window");
    int[] s = poolStrides(size);
    return new AvgPoolSpec(size[0], size[1], s[0], s[1], padding());
  }

  /** Strides default to the window size, as in Keras. */
  private int[] poolStrides(int[] size) {
    return a.intArray("strides").length == 0 ? size : a.pair("strides", "the same stride both ways");
  }

  private CustomSpec custom() {
    Optional<DeclaredType> type = a.typeValue("type");
    type.ifPresent(t -> types.checkCustomLayer(a, t));
    if (type.isEmpty() && !a.broken() && !a.unresolvedType()) {
      String literal = a.written("type").map(v -> String.valueOf(v.getValue())).orElse("?");
      a.error("BadCustomLayer", "@Custom type " + literal + " is not a class, so the runtime"
          + " cannot run it. Name a class that implements " + Names.CUSTOM_LAYER + ".", "type");
    }
    int[] dims = a.intArray("outputShape");
    Optional<Shape> declared = Optional.empty();
    if (dims.length > 0) {
      if (Arrays.stream(dims).allMatch(d -> d > 0)) {
        declared = Optional.of(Shape.of(dims));
      } else {
        a.error("NonPositiveSize", "@Custom outputShape " + Arrays.toString(dims) + " has a"
            + " non-positive size. Give every dimension of one output example, all positive.",
            "outputShape");
      }
    }
    return new CustomSpec(type.map(TypeChecks::binaryName).orElse(""), declared);
  }

  private Padding padding() {
    String name = a.enumValue("padding");
    return name.isEmpty() ? Padding.VALID : Padding.valueOf(name);
  }

  private Activation activation() {
    String name = a.enumValue("activation");
    return name.isEmpty() ? Activation.NONE : Activation.valueOf(name);
  }
}
