package io.qat4j.examples.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A model declaration before it is written as Java: the model class with its layer fields, an
 * optional superclass holding the first layers, and the class-level details the processor checks.
 */
final class Sketch {
  /** Package of every generated source. */
  static final String PACKAGE = "fuzz";

  /** Simple name of the top-level class, which is also the file name. */
  final String fileClass;
  /** {@code @QuantizedModel(input = ...)} as source ({@code "{1, 8, 8}"}). */
  String input;
  /** The input shape the generator worked with; null when the declaration has none. */
  int[] inputShape;
  /** The class's {@code @Quantize(...)} as source, or null. */
  String classQuantize;
  /** Modifiers of the model class, with a trailing space. */
  String classModifiers = "public abstract ";
  /** Type parameters ({@code "<T>"}) or empty. */
  String typeParameters = "";
  /**
   * The model is a nested class {@code Net} of the file's class, declared with these modifiers
   * ({@code "public abstract static "}); null for a top-level model.
   */
  String nestedModifiers;
  /** Layers of the superclass {@code <File>Base}, declared before the model's own. */
  final List<LayerSketch> baseLayers = new ArrayList<>();
  /** The model's own layer fields, in declaration order. */
  final List<LayerSketch> layers = new ArrayList<>();
  /** Whether a mutation has made the class one the generated subclass cannot extend. */
  boolean classBroken;
  /** Other members of the model class, as source lines (constants, methods, constructors). */
  final List<String> members = new ArrayList<>();

  Sketch(String fileClass) {
    this.fileClass = fileClass;
  }

  /** Binary name of the generated {@code <Name>Quantized} class. */
  String quantizedBinaryName() {
    return PACKAGE + "." + fileClass + (nestedModifiers == null ? "" : "_Net") + "Quantized";
  }

  /** Simple name of the model class, for constructors. */
  String modelSimpleName() {
    return nestedModifiers == null ? fileClass : "Net";
  }

  /** Every layer field in the order the processor reads them: superclass first. */
  List<LayerSketch> all() {
    List<LayerSketch> out = new ArrayList<>(baseLayers);
    out.addAll(layers);
    return out;
  }

  /** The layer field named {@code name}, among all of them. */
  Optional<LayerSketch> layer(String name) {
    return all().stream().filter(l -> l.name.equals(name)).findFirst();
  }

  /** The name a field's implicit input resolves to: the field before it, or "input". */
  String implicitInput(LayerSketch layer) {
    List<LayerSketch> annotated = all().stream().filter(l -> l.kind != null).toList();
    int at = annotated.indexOf(layer);
    return at <= 0 ? "input" : annotated.get(at - 1).name;
  }

  /** Shape of tensor {@code name} as generated, or null. */
  int[] shapeOf(String name) {
    if (name.equals("input")) {
      return inputShape;
    }
    return layer(name).map(l -> l.shape).orElse(null);
  }

  /** Whether the class's {@code @Quantize} quantizes every layer (unless a layer skips). */
  boolean classQuantized() {
    return classQuantize != null && !classQuantize.contains("skip = true");
  }
}
