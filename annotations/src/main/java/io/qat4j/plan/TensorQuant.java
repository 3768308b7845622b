package io.qat4j.plan;

import io.qat4j.model.QuantScheme;

/** How one tensor (a layer output or the model input) is quantized during training. */
public sealed interface TensorQuant {

  /** Fake quantization with its own tracked range. */
  record FakeQuant(QuantScheme scheme) implements TensorQuant {}

  /** No fake quantization of its own: it keeps its input's parameters (pools, reshapes). */
  record SameAsInput() implements TensorQuant {}

  /** Inside a fused group: no fake quantization here; the named layer's output carries it. */
  record InsideFusedGroup(String carrier) implements TensorQuant {}

  /** A fixed range (softmax): {@code real = scale * (q - zeroPoint)}. */
  record Fixed(double scale, int zeroPoint) implements TensorQuant {}

  /** The custom layer's {@code QuantizeConfig} (binary name) decides at run time. */
  record ByConfig(String config) implements TensorQuant {}

  /** Float: the layer is not quantized. */
  record NotQuantized() implements TensorQuant {}

  /** Fake quantization with {@code scheme}. */
  static TensorQuant fakeQuant(QuantScheme scheme) {
    return new FakeQuant(scheme);
  }

  /** Keeps the input's parameters. */
  static TensorQuant sameAsInput() {
    return new SameAsInput();
  }

  /** Inside the fused group whose output {@code carrier} is quantized. */
  static TensorQuant insideFusedGroup(String carrier) {
    return new InsideFusedGroup(carrier);
  }

  /** A fixed range. */
  static TensorQuant fixed(double scale, int zeroPoint) {
    return new Fixed(scale, zeroPoint);
  }

  /** Decided by a {@code QuantizeConfig}. */
  static TensorQuant byConfig(String config) {
    return new ByConfig(config);
  }

  /** Not quantized. */
  static TensorQuant notQuantized() {
    return new NotQuantized();
  }
}
