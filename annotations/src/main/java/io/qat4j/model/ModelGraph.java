package io.qat4j.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The wiring and shapes of a declaration, as far as they can be worked out. A layer whose inputs
 * are unknown, declared later, of the wrong count, or whose own values or input shapes are wrong
 * has no shape, and neither has anything downstream of it: one mistake is reported once, not
 * again by every layer it reaches.
 */
public final class ModelGraph {
  private final ModelDecl decl;
  private final Map<String, Integer> index = new HashMap<>();
  private final Map<String, List<String>> consumers = new LinkedHashMap<>();
  private final Map<String, Shape> shapes = new HashMap<>();
  private final List<Optional<Finding>> shapeFindings = new ArrayList<>();
  private final Set<String> opaque;

  private ModelGraph(ModelDecl decl, Set<String> opaque) {
    this.decl = decl;
    this.opaque = Set.copyOf(opaque);
    List<LayerDecl> layers = decl.layers();
    for (int i = 0; i < layers.size(); i++) {
      // "input" always means the model input; a layer of that name is a DuplicateName error.
      if (!ModelDecl.INPUT.equals(layers.get(i).name())) {
        index.putIfAbsent(layers.get(i).name(), i);
      }
    }
    consumers.put(ModelDecl.INPUT, new ArrayList<>());
    for (LayerDecl layer : layers) {
      consumers.putIfAbsent(layer.name(), new ArrayList<>());
    }
    for (int i = 0; i < layers.size(); i++) {
      for (String in : decl.inputsOf(i)) {
        List<String> users = consumers.get(in);
        if (users != null && !users.contains(layers.get(i).name())) {
          users.add(layers.get(i).name());
        }
      }
    }
    shapes.put(ModelDecl.INPUT, decl.input());
    for (int i = 0; i < layers.size(); i++) {
      shapeFindings.add(inferShape(i));
    }
  }

  /** Works out the wiring and shapes of {@code decl}. */
  public static ModelGraph of(ModelDecl decl) {
    return new ModelGraph(decl, Set.of());
  }

  /**
   * Works out the wiring and shapes of {@code decl}, treating the {@code opaque} layers as
   * unknown: their values could not be read (the processor has reported why), so neither their
   * values nor their shapes, nor anything downstream, are checked.
   */
  public static ModelGraph of(ModelDecl decl, Set<String> opaque) {
    return new ModelGraph(decl, opaque);
  }

  /** Whether layer {@code name}'s values are unknown. */
  public boolean isOpaque(String name) {
    return opaque.contains(name);
  }

  /** The declaration. */
  public ModelDecl decl() {
    return decl;
  }

  /** Index of the first layer with this name, or -1 ({@link ModelDecl#INPUT} included). */
  public int indexOf(String name) {
    return index.getOrDefault(name, -1);
  }

  /** Whether {@code name} is a layer or the model input. */
  public boolean isKnown(String name) {
    return ModelDecl.INPUT.equals(name) || index.containsKey(name);
  }

  /** Whether layer {@code i}'s inputs are all known and declared before it. */
  public boolean inputsResolve(int i) {
    for (String in : decl.inputsOf(i)) {
      if (!ModelDecl.INPUT.equals(in) && (indexOf(in) < 0 || indexOf(in) >= i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether layer {@code i} has as many inputs as its kind takes. */
  public boolean inputCountFits(int i) {
    int n = decl.inputsOf(i).size();
    LayerSpec spec = decl.layers().get(i).spec();
    return n >= spec.minInputs() && n <= spec.maxInputs();
  }

  /** Layers that take the output of {@code name}, in declaration order. */
  public List<String> consumersOf(String name) {
    return List.copyOf(consumers.getOrDefault(name, List.of()));
  }

  /** Shape of the tensor {@code name}, if it could be worked out. */
  public Optional<Shape> shapeOf(String name) {
    return Optional.ofNullable(shapes.get(name));
  }

  /** Why layer {@code i}'s inputs do not fit it, if that is the reason it has no shape. */
  public Optional<Finding> shapeFinding(int i) {
    return shapeFindings.get(i);
  }

  private Optional<Finding> inferShape(int i) {
    LayerDecl layer = decl.layers().get(i);
    if (opaque.contains(layer.name()) || !inputsResolve(i) || !inputCountFits(i)
        || !layer.spec().checkValues().isEmpty()
        || indexOf(layer.name()) != i) {
      return Optional.empty();
    }
    List<String> inputNames = decl.inputsOf(i);
    if (i == 0 && decl.input().elements() > Shape.MAX_ELEMENTS) {
      return Optional.empty(); // the processor rejects such an input shape itself
    }
    List<Shape> inputs = new ArrayList<>();
    for (String in : inputNames) {
      Shape s = shapes.get(in);
      if (s == null) {
        return Optional.empty();
      }
      inputs.add(s);
    }
    ShapeResult result = layer.spec().outputShape(layer.name(), inputNames, inputs);
    if (result.isOk() && result.shape().elements() > Shape.MAX_ELEMENTS) {
      return Optional.of(
          new Finding(
              "TensorTooLarge",
              "",
              "Layer '" + layer.name() + "' would output " + result.shape() + ", more than "
                  + Shape.MAX_ELEMENTS + " values per example. Reduce the sizes before it."));
    }
    if (result.isOk() && layer.spec() instanceof WeightedSpec w) {
      Shape weight = w.weightShape(inputs.get(0));
      if (weight.elements() > Shape.MAX_ELEMENTS) {
        return Optional.of(
            new Finding(
                "TensorTooLarge",
                "",
                "Layer '" + layer.name() + "' would hold a weight of shape " + weight + ", more"
                    + " than " + Shape.MAX_ELEMENTS + " values. Use a smaller kernel or fewer"
                    + " outputs."));
      }
    }
    if (result.isOk()) {
      shapes.put(layer.name(), result.shape());
      return Optional.empty();
    }
    return Optional.of(result.problem());
  }
}
