package io.qat4j.annotation;

import io.qat4j.model.LayerKind;
import io.qat4j.model.Shape;

/**
 * The type of a layer field in a {@link QuantizedModel}. The generated {@code <Name>Quantized}
 * subclass binds each field to its layer of the quantized wrapper graph.
 */
public interface Layer {
  /** The layer name: the field name. */
  String name();

  /** What kind of layer this is. */
  LayerKind kind();

  /** Shape of one output example, channels first. */
  Shape outputShape();
}
