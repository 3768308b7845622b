package io.qat4j.model;

import java.util.List;

/**
 * What one layer is, apart from its name and wiring: the single source of its semantics (value
 * rules, output shape, parameter and multiply-accumulate counts) for the processor and the
 * runtime alike.
 */
public sealed interface LayerSpec
    permits WeightedSpec, BatchNormSpec, ReluSpec, Relu6Spec,
        MaxPoolSpec, AvgPoolSpec, GlobalAvgPoolSpec, AddSpec, ConcatSpec, FlattenSpec, ReshapeSpec,
        DropoutSpec, SoftmaxSpec, CustomSpec {

  /** The kind of layer. */
  LayerKind kind();

  /** Fewest inputs the layer takes. */
  default int minInputs() {
    return 1;
  }

  /** Most inputs the layer takes. */
  default int maxInputs() {
    return 1;
  }

  /** Problems with the layer's own values, such as a non-positive size; empty when they are sane. */
  default List<Finding> checkValues() {
    return List.of();
  }

  /**
   * Shape of one output example for these input shapes (one per input, in order), or the finding
   * that says why they do not fit. {@code name} and {@code inputNames} only word the message.
   */
  ShapeResult outputShape(String name, List<String> inputNames, List<Shape> inputs);

  /** Number of parameters (weights, biases, statistics) for these input shapes. */
  default long parameters(List<Shape> inputs) {
    return 0;
  }

  /** Multiply-accumulates of one forward pass over one example. */
  default long macs(List<Shape> inputs, Shape output) {
    return 0;
  }
}
