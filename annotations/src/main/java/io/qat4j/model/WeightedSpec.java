package io.qat4j.model;

import io.qat4j.annotation.Activation;

/**
 * A layer with a weight whose axis 0 is the output channel: Conv2D, DepthwiseConv2D, Dense. These
 * are the layers whose weights get fake quantization, that a BatchNorm can fold into, and that
 * fuse an activation.
 */
public sealed interface WeightedSpec extends LayerSpec
    permits Conv2DSpec, DepthwiseConv2DSpec, DenseSpec {
  /** Whether the layer adds a bias per output channel. */
  boolean bias();

  /** The activation the layer applies to its output. */
  Activation activation();

  /**
   * Shape of the weight for an input of shape {@code input}, output channels first: {@code
   * [filters, C, kh, kw]}, {@code [C * depthMultiplier, 1, kh, kw]} or {@code [units, N]}. Only
   * for an input whose output shape the layer could work out.
   */
  Shape weightShape(Shape input);
}
