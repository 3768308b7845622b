package io.qat4j.quant;

import io.qat4j.annotation.Activation;
import io.qat4j.model.LayerKind;
import io.qat4j.model.LayerSpec;
import io.qat4j.model.WeightedSpec;
import java.util.Optional;

/**
 * Which layers fuse: Conv2D, DepthwiseConv2D or Dense with a linear activation absorb a BatchNorm
 * right after them; those (with or without the BatchNorm) and Add absorb a ReLU or ReLU6 right
 * after them. Inside a fused group there is no fake quantization; the group's last output carries
 * it.
 */
public final class FusionPatterns {
  private FusionPatterns() {}

  /** Whether a BatchNorm right after {@code producer} can fold into it. */
  public static boolean foldsBatchNorm(LayerSpec producer) {
    return linearActivation(producer).orElse(false);
  }

  /** Whether {@code producer} is a layer a BatchNorm could fold into, whatever its activation. */
  public static boolean isFoldTarget(LayerSpec producer) {
    return linearActivation(producer).isPresent();
  }

  /** Whether a ReLU or ReLU6 right after {@code anchor} fuses into it. */
  public static boolean fusesActivation(LayerSpec anchor) {
    return anchor.kind() == LayerKind.ADD || foldsBatchNorm(anchor);
  }

  /** Whether {@code kind} is a standalone activation that can fuse. */
  public static boolean isFusableActivation(LayerKind kind) {
    return kind == LayerKind.RELU || kind == LayerKind.RELU6;
  }

  private static Optional<Boolean> linearActivation(LayerSpec spec) {
    return spec instanceof WeightedSpec w
        ? Optional.of(w.activation() == Activation.NONE)
        : Optional.empty();
  }
}
