package io.qat4j.examples.fuzz;

import io.qat4j.annotation.QuantizeConfig;
import io.qat4j.model.QuantScheme;
import java.util.Map;
import java.util.Optional;

/** Quantizes the output of a {@link FuzzIdentityLayer} with the default int8 activation scheme. */
public final class FuzzOutputConfig implements QuantizeConfig {
  @Override
  public Map<String, QuantScheme> weights() {
    return Map.of();
  }

  @Override
  public Optional<QuantScheme> output() {
    return Optional.of(QuantScheme.INT8_ACTIVATIONS);
  }
}
