package io.qat4j.runtime.graph;

import io.qat4j.runtime.layers.Param;

/**
 * A parameter or state tensor with its network-wide name, {@code node.param} (for example {@code
 * conv1.weight} or {@code relu1/fq.max}): the key in checkpoints and optimizer state.
 */
public record NamedParam(String name, Param param) {}
