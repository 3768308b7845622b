package io.qat4j.model;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Short factories for layer specs, and a way to ask a spec for its output shape, in tests. */
public final class Specs {
  private Specs() {}

  /** Square kernel, stride 1, no dilation, with bias, linear. */
  public static Conv2DSpec conv(int filters, int kernel, Padding padding) {
    return conv(filters, kernel, 1, padding, 1);
  }

  /** Square kernel, with bias, linear. */
  public static Conv2DSpec conv(int filters, int kernel, int stride, Padding padding, int dilation) {
    return new Conv2DSpec(
        filters, kernel, kernel, stride, stride, padding, dilation, dilation, true, Activation.NONE);
  }

  /** Square kernel, stride 1, no bias, linear. */
  public static Conv2DSpec convNoBias(int filters, int kernel, Padding padding) {
    return new Conv2DSpec(filters, kernel, kernel, 1, 1, padding, 1, 1, false, Activation.NONE);
  }

  /** Square kernel, stride 1, with bias, with its own activation. */
  public static Conv2DSpec conv(int filters, int kernel, Padding padding, Activation activation) {
    return new Conv2DSpec(filters, kernel, kernel, 1, 1, padding, 1, 1, true, activation);
  }

  /** Square kernel, with bias, linear. */
  public static DepthwiseConv2DSpec depthwise(
      int kernel, int stride, Padding padding, int depthMultiplier) {
    return new DepthwiseConv2DSpec(
        kernel, kernel, stride, stride, padding, depthMultiplier, 1, 1, true, Activation.NONE);
  }

  /** With bias, linear. */
  public static DenseSpec dense(int units) {
    return new DenseSpec(units, true, Activation.NONE);
  }

  /** With bias and its own activation. */
  public static DenseSpec dense(int units, Activation activation) {
    return new DenseSpec(units, true, activation);
  }

  /** Keras' defaults. */
  public static BatchNormSpec bn() {
    return new BatchNormSpec(1e-3, 0.99);
  }

  public static ReluSpec relu() {
    return new ReluSpec();
  }

  public static Relu6Spec relu6() {
    return new Relu6Spec();
  }

  /** Square window, stride equal to the size, VALID. */
  public static MaxPoolSpec maxPool(int size) {
    return new MaxPoolSpec(size, size, size, size, Padding.VALID);
  }

  public static MaxPoolSpec maxPool(int size, int stride, Padding padding) {
    return new MaxPoolSpec(size, size, stride, stride, padding);
  }

  public static AvgPoolSpec avgPool(int size, int stride, Padding padding) {
    return new AvgPoolSpec(size, size, stride, stride, padding);
  }

  public static GlobalAvgPoolSpec globalAvgPool() {
    return new GlobalAvgPoolSpec();
  }

  public static AddSpec add() {
    return new AddSpec();
  }

  public static ConcatSpec concat(int axis) {
    return new ConcatSpec(axis);
  }

  public static FlattenSpec flatten() {
    return new FlattenSpec();
  }

  public static ReshapeSpec reshape(Integer... shape) {
    return new ReshapeSpec(Arrays.asList(shape));
  }

  public static DropoutSpec dropout(double rate) {
    return new DropoutSpec(rate);
  }

  public static SoftmaxSpec softmax() {
    return new SoftmaxSpec();
  }

  /** A custom layer whose output has its input's shape. */
  public static CustomSpec custom() {
    return new CustomSpec("com.example.Swish", Optional.empty());
  }

  /** A custom layer that declares its output shape. */
  public static CustomSpec custom(Shape output) {
    return new CustomSpec("com.example.Projection", Optional.of(output));
  }

  /** What {@code spec}, named "layer", says about inputs "in0", "in1", ... of these shapes. */
  public static ShapeResult outputOf(LayerSpec spec, Shape... inputs) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < inputs.length; i++) {
      names.add("in" + i);
    }
    return spec.outputShape("layer", names, List.of(inputs));
  }
}
