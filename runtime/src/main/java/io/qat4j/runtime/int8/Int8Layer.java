package io.qat4j.runtime.int8;

import io.qat4j.model.Shape;
import java.util.List;

/**
 * One layer of an integer-only model: the integer parameters its kernel needs and nothing else.
 * Tensors of one example are int8 in the float model's layout ({@code [C, H, W]}, row-major), so
 * flatten and reshape move no data.
 */
public sealed interface Int8Layer
    permits Int8Linear, Int8Pool, Int8Add, Int8Concat, Int8Reshape, Int8Softmax {
  /** The graph layer this runs. */
  String name();

  /** The tensors it reads (layer names, or {@code input}). */
  List<String> inputs();

  /** Shape of one output example. */
  Shape outputShape();

  /** The quantization of its output. */
  QuantParams output();
}
