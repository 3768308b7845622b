package io.qat4j.annotation;

import io.qat4j.model.QuantScheme;
import java.util.Map;
import java.util.Optional;

/**
 * How a {@link Custom} layer is quantized: the counterpart of TFMOT's {@code QuantizeConfig}.
 * Implementations need a public no-argument constructor; the runtime instantiates them.
 */
public interface QuantizeConfig {
  /** Scheme of each weight of the layer, by the weight names the layer's runtime class uses. */
  Map<String, QuantScheme> weights();

  /** Scheme of the layer output; empty keeps the quantization parameters of its input. */
  Optional<QuantScheme> output();
}
