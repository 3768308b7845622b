package io.qat4j.quant;

import io.qat4j.model.LayerDecl;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.PartialScheme;
import io.qat4j.model.QuantScheme;
import io.qat4j.model.QuantizeDecl;
import java.util.Optional;

/**
 * The settings in force for one layer after inheritance: the default 8-bit scheme, then the
 * model's {@code @Quantize}, then the layer's own.
 *
 * @param enabled whether the layer is quantized at all
 * @param weights the weight scheme, for kinds with quantized weights
 * @param activations the activation scheme
 * @param config the custom layer's {@code QuantizeConfig}, by binary name
 */
public record LayerQuantization(
    boolean enabled,
    Optional<QuantScheme> weights,
    QuantScheme activations,
    Optional<String> config) {

  /** The settings in force for {@code layer} of {@code model}. */
  public static LayerQuantization of(ModelDecl model, LayerDecl layer) {
    Optional<QuantizeDecl> own = layer.quantize();
    Optional<QuantizeDecl> shared = model.quantize();
    boolean enabled =
        own.map(q -> !q.skips()).orElse(shared.isPresent() && !shared.get().skips());
    PartialScheme weights = merged(own, shared, true);
    PartialScheme activations = merged(own, shared, false);
    return new LayerQuantization(
        enabled,
        DefaultEightBitScheme.weights(layer.spec().kind()).map(weights::over),
        activations.over(DefaultEightBitScheme.activations()),
        own.flatMap(QuantizeDecl::config));
  }

  private static PartialScheme merged(
      Optional<QuantizeDecl> own, Optional<QuantizeDecl> shared, boolean weights) {
    PartialScheme base =
        shared.map(q -> weights ? q.weights() : q.activations()).orElse(PartialScheme.INHERIT);
    return own.map(q -> (weights ? q.weights() : q.activations()).over(base)).orElse(base);
  }
}
