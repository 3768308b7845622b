package io.qat4j.model;

import java.util.List;
import java.util.Optional;

/**
 * One declared layer.
 *
 * @param name unique name (the field name)
 * @param spec what the layer is
 * @param inputs the inputs as written; empty means the layer declared before it
 * @param quantize the layer's own {@code @Quantize}, if any
 */
public record LayerDecl(
    String name, LayerSpec spec, List<String> inputs, Optional<QuantizeDecl> quantize) {

  /** Copies {@code inputs}. */
  public LayerDecl {
    inputs = List.copyOf(inputs);
  }
}
