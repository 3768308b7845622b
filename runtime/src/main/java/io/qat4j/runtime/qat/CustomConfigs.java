package io.qat4j.runtime.qat;

import io.qat4j.annotation.QuantizeConfig;
import java.lang.reflect.InvocationTargetException;

/** Creates the {@link QuantizeConfig} a custom layer names. */
final class CustomConfigs {
  private CustomConfigs() {}

  /**
   * The config of class {@code binaryName} for layer {@code layer}.
   *
   * @throws IllegalArgumentException if it cannot be created, or asks for something qat4j does
   *     not do (fake quantization of a custom layer's own weights)
   */
  static QuantizeConfig load(String layer, String binaryName) {
    Object config;
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      Class<?> type = Class.forName(binaryName, true, loader != null ? loader
          : CustomConfigs.class.getClassLoader());
      config = type.getConstructor().newInstance();
    } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException
        | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalArgumentException("Cannot create QuantizeConfig " + binaryName
          + " of layer '" + layer + "': " + e + ". It needs a public no-argument constructor.", e);
    }
    if (!(config instanceof QuantizeConfig q)) {
      throw new IllegalArgumentException(binaryName + " of layer '" + layer
          + "' does not implement QuantizeConfig.");
    }
    if (!q.weights().isEmpty()) {
      throw new IllegalArgumentException("QuantizeConfig " + binaryName + " of layer '" + layer
          + "' asks to fake-quantize the layer's weights " + q.weights().keySet() + "; qat4j"
          + " quantizes a custom layer's output only. Return an empty map from weights().");
    }
    return q;
  }
}
