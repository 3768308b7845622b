package io.qat4j.plan;

import io.qat4j.check.ModelValidator;
import io.qat4j.check.Problem;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.Shape;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The quantized wrapper graph: every layer with its output shape, where fake quantization sits and
 * with which scheme, which BatchNorm folds into which layer and which activation fuses. The
 * processor generates one per annotated model; {@link #plan} builds one from a declaration in
 * code. The runtime trains it, converts it and exports it.
 *
 * @param name the model name
 * @param input shape of one input example
 * @param inputQuant how the model input is quantized
 * @param layers the layers in execution order; the last one is the output
 */
public record QuantizedGraph(
    String name, Shape input, TensorQuant inputQuant, List<QuantizedLayer> layers) {

  /** Copies {@code layers}; there is at least one. */
  public QuantizedGraph {
    layers = List.copyOf(layers);
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("a graph needs at least one layer");
    }
  }

  /**
   * Checks {@code decl} with the same rules as the processor and applies the default 8-bit scheme.
   *
   * @throws InvalidModelException listing every error, if there is any
   */
  public static QuantizedGraph plan(ModelDecl decl) {
    List<Problem> problems = ModelValidator.validate(decl);
    if (problems.stream().anyMatch(Problem::isError)) {
      throw new InvalidModelException(decl.name(), problems);
    }
    return QuantizationPlanner.plan(decl);
  }

  /** The layer named {@code name}. */
  public QuantizedLayer layer(String layerName) {
    for (QuantizedLayer l : layers) {
      if (l.name().equals(layerName)) {
        return l;
      }
    }
    throw new IllegalArgumentException(
        "Model " + name + " has no layer '" + layerName + "'; its layers are "
            + layers.stream().map(QuantizedLayer::name).collect(Collectors.joining(", ")) + ".");
  }

  /** The output layer. */
  public QuantizedLayer output() {
    return layers.get(layers.size() - 1);
  }

  /**
   * The layer that computes tensor {@code tensor} once folded BatchNorms and fused activations are
   * gone: {@code tensor} itself, or the layer it folds into, followed until a layer that does not
   * fold; the model input is its own producer. What the int8 model and its exports name tensors.
   */
  public String producer(String tensor) {
    String t = tensor;
    while (!t.equals(ModelDecl.INPUT)) {
      QuantizedLayer l = layer(t);
      if (l.foldedInto().isEmpty()) {
        break;
      }
      t = l.foldedInto().get();
    }
    return t;
  }

  /** Shape of one output example. */
  public Shape outputShape() {
    return output().outputShape();
  }

  /** Per-layer sizes and costs, with totals. */
  public ModelSummary summary() {
    return ModelSummary.of(this);
  }
}
