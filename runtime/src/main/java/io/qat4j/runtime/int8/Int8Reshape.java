package io.qat4j.runtime.int8;

import io.qat4j.model.Shape;
import java.util.List;

/**
 * Flatten, Reshape or Dropout (the identity at inference): the codes are copied unchanged, in the
 * same row-major order, and keep their quantization.
 *
 * @param name the graph layer
 * @param inputs its single input tensor
 * @param outputShape the new example shape, with as many elements as the input
 * @param output the quantization of input and output
 */
public record Int8Reshape(String name, List<String> inputs, Shape outputShape, QuantParams output)
    implements Int8Layer {
  /** Copies the inputs. */
  public Int8Reshape {
    inputs = List.copyOf(inputs);
    Int8Checks.singleInput(name, inputs);
  }
}
