package io.qat4j.runtime.int8;

/**
 * What Conv2D, DepthwiseConv2D and Dense share as int8 layers: int8 weights, an int32 bias,
 * a fixed-point requantization per output channel (or one, for a per-tensor Dense), the input's
 * zero point, and the output clamp of a fused activation.
 */
public sealed interface Int8Linear extends Int8Layer permits Int8Conv, Int8Dense {
  /** The int8 weights, symmetric (zero point 0), output channel by output channel. */
  byte[] weights();

  /** The int32 bias of each output channel, at scale {@code input scale × weight scale}. */
  int[] bias();

  /** Fixed-point multipliers, in [2^30, 2^31): one per output channel, or one for all. */
  int[] multipliers();

  /** Their shifts, as {@link #multipliers()}. */
  int[] shifts();

  /** The zero point of the input it reads. */
  int inputZeroPoint();

  /** The lowest output code, the fused activation's lower end. */
  int clampMin();

  /** The highest output code. */
  int clampMax();
}
