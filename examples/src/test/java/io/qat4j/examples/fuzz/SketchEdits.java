package io.qat4j.examples.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/** Edits and queries the mutations share: pick a layer or tensor, insert a layer after one. */
final class SketchEdits {
  private SketchEdits() {}

  /** Layer fields with a layer annotation, superclass first. */
  static List<LayerSketch> annotated(Sketch s) {
    return s.all().stream().filter(l -> l.kind != null).toList();
  }

  static LayerSketch any(Sketch s, SplittableRandom r) {
    List<LayerSketch> all = annotated(s);
    return all.isEmpty() ? null : all.get(r.nextInt(all.size()));
  }

  /** Replaces one input of {@code l} (its only one, for most layers) by {@code name}. */
  static void replaceOneInput(LayerSketch l, String name, SplittableRandom r) {
    l.inputs.set(r.nextInt(l.inputs.size()), name);
    l.explicitInputs = true;
  }

  /** A tensor ("input" or a layer) whose shape the generator knows. */
  static String anyTensor(Sketch s, SplittableRandom r) {
    List<String> names = new ArrayList<>();
    if (s.baseLayers.isEmpty()) {
      names.add("input");
    }
    annotated(s).stream().filter(l -> l.shape != null).forEach(l -> names.add(l.name));
    return names.get(r.nextInt(names.size()));
  }

  static Optional<String> tensorOfRank(Sketch s, SplittableRandom r, int rank) {
    List<String> names = new ArrayList<>();
    if (s.baseLayers.isEmpty() && s.inputShape.length == rank) {
      names.add("input");
    }
    annotated(s).stream().filter(l -> l.shape != null && l.shape.length == rank)
        .forEach(l -> names.add(l.name));
    return names.isEmpty() ? Optional.empty() : Optional.of(names.get(r.nextInt(names.size())));
  }

  static boolean insertAfterRank(Sketch s, SplittableRandom r, int rank, LayerSketch l) {
    Optional<String> at = tensorOfRank(s, r, rank);
    return at.isPresent() && insertAfter(s, at.get(), l);
  }

  static boolean insertAfterAny(Sketch s, LayerSketch l, SplittableRandom r) {
    return insertAfter(s, anyTensor(s, r), l);
  }

  /**
   * Declares {@code l} right after tensor {@code at} (first among the model's own fields for
   * "input"), fed by it; the fields after it keep their inputs, written out now if need be.
   */
  static boolean insertAfter(Sketch s, String at, LayerSketch l) {
    if (s.layer(l.name).isPresent()) {
      return false;
    }
    if (l.inputs.isEmpty()) {
      l.inputs.add(at);
    }
    if (at.equals("input")) {
      s.layers.add(0, l);
      return true;
    }
    LayerSketch after = s.layer(at).orElseThrow();
    List<LayerSketch> list = s.baseLayers.contains(after) ? s.baseLayers : s.layers;
    list.add(list.indexOf(after) + 1, l);
    return true;
  }

  static String pick(SplittableRandom r, String... values) {
    return values[r.nextInt(values.length)];
  }
}
