package io.qat4j.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A model as declared: what the annotations say, or what {@link #builder} was told. Nothing here
 * is checked yet; {@code io.qat4j.check.ModelValidator} checks it and {@code
 * io.qat4j.plan.QuantizedGraph#plan} turns it into the quantized wrapper graph.
 *
 * @param name model name
 * @param input shape of one input example
 * @param quantize the model-level {@code @Quantize}, if any
 * @param layers layers in declaration order
 */
public record ModelDecl(
    String name, Shape input, Optional<QuantizeDecl> quantize, List<LayerDecl> layers) {

  /** Name of the model input, usable in {@code inputs}. */
  public static final String INPUT = "input";

  /** Copies {@code layers}. */
  public ModelDecl {
    layers = List.copyOf(layers);
  }

  /**
   * The inputs of layer {@code index} after defaults: as written, else the layer before it, else
   * {@link #INPUT}.
   */
  public List<String> inputsOf(int index) {
    LayerDecl layer = layers.get(index);
    if (!layer.inputs().isEmpty()) {
      return layer.inputs();
    }
    return List.of(index == 0 ? INPUT : layers.get(index - 1).name());
  }

  /** Starts a model declared in code rather than with annotations. */
  public static Builder builder(String name, Shape input) {
    return new Builder(name, input);
  }

  /** Declares a model in code; the same rules apply as to an annotated class. */
  public static final class Builder {
    private final String name;
    private final Shape input;
    private Optional<QuantizeDecl> quantize = Optional.empty();
    private final List<LayerDecl> layers = new ArrayList<>();

    private Builder(String name, Shape input) {
      this.name = name;
      this.input = input;
    }

    /** Quantizes every layer, as {@code @Quantize} on the class does. */
    public Builder quantize(QuantizeDecl quantize) {
      this.quantize = Optional.of(quantize);
      return this;
    }

    /** Adds a layer fed by the named inputs, or by the layer before it when none are named. */
    public Builder layer(String layerName, LayerSpec spec, String... inputs) {
      layers.add(new LayerDecl(layerName, spec, Arrays.asList(inputs), Optional.empty()));
      return this;
    }

    /** Adds a layer with its own {@code @Quantize} settings. */
    public Builder layer(String layerName, LayerSpec spec, QuantizeDecl quantize, String... inputs) {
      layers.add(new LayerDecl(layerName, spec, Arrays.asList(inputs), Optional.of(quantize)));
      return this;
    }

    /** The declaration, unchecked. */
    public ModelDecl build() {
      return new ModelDecl(name, input, quantize, layers);
    }
  }
}
