package io.qat4j.model;

import java.util.Optional;

/**
 * One {@code @Quantize}, on the model or on a layer, with only the members that were written.
 *
 * @param skip whether the layer stays float, if written
 * @param weights weight scheme members written
 * @param activations activation scheme members written
 * @param config binary name of the custom layer's {@code QuantizeConfig}, if written
 */
public record QuantizeDecl(
    Optional<Boolean> skip,
    PartialScheme weights,
    PartialScheme activations,
    Optional<String> config) {

  /** A bare {@code @Quantize}: quantize with the inherited scheme. */
  public static final QuantizeDecl DEFAULT =
      new QuantizeDecl(Optional.empty(), PartialScheme.INHERIT, PartialScheme.INHERIT, Optional.empty());

  /** {@code @Quantize(skip = true)}. */
  public static final QuantizeDecl SKIP =
      new QuantizeDecl(Optional.of(true), PartialScheme.INHERIT, PartialScheme.INHERIT, Optional.empty());

  /** {@code @Quantize(weights = ...)}. */
  public static QuantizeDecl weights(PartialScheme weights) {
    return new QuantizeDecl(Optional.empty(), weights, PartialScheme.INHERIT, Optional.empty());
  }

  /** {@code @Quantize(config = ...)} naming a config class by binary name. */
  public static QuantizeDecl config(String configClass) {
    return new QuantizeDecl(
        Optional.empty(), PartialScheme.INHERIT, PartialScheme.INHERIT, Optional.of(configClass));
  }

  /** Whether this keeps the layer float. */
  public boolean skips() {
    return skip.orElse(false);
  }
}
