package io.qat4j.examples.fuzz;

import static io.qat4j.examples.fuzz.SketchEdits.annotated;
import static io.qat4j.examples.fuzz.SketchEdits.any;
import static io.qat4j.examples.fuzz.SketchEdits.insertAfter;
import static io.qat4j.examples.fuzz.SketchEdits.pick;
import static io.qat4j.examples.fuzz.SketchEdits.replaceOneInput;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutations of the wiring: unknown, later or own inputs, input counts, names, dangling layers.
 */
final class WiringMutations {
  private WiringMutations() {}

  static boolean unknownInput(Sketch s, SplittableRandom r) {
    LayerSketch l = any(s, r);
    if (l == null) {
      return false;
    }
    String wrong = pick(r, "nowhere", l.name + "x", "", "input ", "in put", "INPUT");
    if (s.layer(wrong).isPresent()) {
      return false;
    }
    replaceOneInput(l, wrong, r);
    return true;
  }

  static boolean forwardInput(Sketch s, SplittableRandom r) {
    List<LayerSketch> all = annotated(s);
    if (all.size() < 2) {
      return false;
    }
    int i = r.nextInt(all.size() - 1);
    int later = i + 1 + r.nextInt(all.size() - i - 1);
    replaceOneInput(all.get(i), all.get(later).name, r);
    return true;
  }

  static boolean selfInput(Sketch s, SplittableRandom r) {
    LayerSketch l = any(s, r);
    if (l == null) {
      return false;
    }
    replaceOneInput(l, l.name, r);
    return true;
  }

  static boolean inputCount(Sketch s, SplittableRandom r) {
    for (LayerSketch l : annotated(s)) {
      if (("Add".equals(l.kind) || "Concat".equals(l.kind)) && r.nextBoolean()) {
        String first = l.inputs.get(0);
        l.inputs.clear();
        l.inputs.add(first);
        l.explicitInputs = true;
        return true;
      }
    }
    List<LayerSketch> all = annotated(s);
    for (int i = all.size() - 1; i >= 0; i--) {
      LayerSketch l = all.get(i);
      if (l.inputs.size() == 1 && !"Add".equals(l.kind) && !"Concat".equals(l.kind)) {
        l.inputs.add(i > 0 ? all.get(i - 1).name : "input");
        return true;
      }
    }
    return false;
  }

  static boolean namedInput(Sketch s, SplittableRandom r) {
    LayerSketch l = any(s, r);
    if (l == null || s.layer("input").isPresent()) {
      return false; // two fields named input would be javac's error, not qat4j's
    }
    String old = l.name;
    for (LayerSketch other : s.all()) {
      other.inputs.replaceAll(n -> n.equals(old) ? "input" : n);
    }
    l.name = "input";
    return true;
  }

  /** The superclass declares a field of the same name as one of the model's own layers. */
  static boolean duplicate(Sketch s, SplittableRandom r) {
    List<LayerSketch> own = s.layers.stream()
        .filter(l -> l.kind != null && s.baseLayers.stream().noneMatch(b -> b.name.equals(l.name)))
        .toList();
    if (own.isEmpty()) {
      return false;
    }
    LayerSketch copy = new LayerSketch(own.get(r.nextInt(own.size())).name, "ReLU");
    String before = s.baseLayers.isEmpty() ? "input" : s.baseLayers.get(s.baseLayers.size() - 1).name;
    copy.inputs.add(before);
    copy.shape = s.shapeOf(before);
    s.baseLayers.add(copy);
    return true;
  }

  static boolean unused(Sketch s, SplittableRandom r) {
    List<LayerSketch> all = annotated(s);
    if (all.size() < 2) {
      return false;
    }
    LayerSketch after = all.get(r.nextInt(all.size() - 1));
    LayerSketch dangling = new LayerSketch("dangling", r.nextBoolean() ? "ReLU" : "Flatten");
    insertAfter(s, after.name, dangling);
    return true;
  }

  static boolean empty(Sketch s, SplittableRandom r) {
    s.baseLayers.clear();
    s.layers.clear();
    return true;
  }
}
