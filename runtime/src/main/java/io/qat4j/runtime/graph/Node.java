package io.qat4j.runtime.graph;

import io.qat4j.runtime.layers.LayerOp;
import java.util.List;

/**
 * One executable step of a {@link Network}: an op reading named tensors and writing one.
 *
 * @param name the tensor this node writes (a layer name, or {@code layer/fq} for a fake-quant step)
 * @param layer the declared layer this node belongs to, for error messages and parameter names
 * @param op what it computes
 * @param inputs the tensors it reads, in order
 */
public record Node(String name, String layer, LayerOp op, List<String> inputs) {
  /** Copies {@code inputs}. */
  public Node {
    inputs = List.copyOf(inputs);
  }
}
