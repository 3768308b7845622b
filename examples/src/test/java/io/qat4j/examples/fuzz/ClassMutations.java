package io.qat4j.examples.fuzz;

import static io.qat4j.examples.fuzz.SketchEdits.any;
import static io.qat4j.examples.fuzz.SketchEdits.pick;

import java.util.SplittableRandom;

/**
 * Mutations of the Java around the layers: fields and the model class itself.
 */
final class ClassMutations {
  private ClassMutations() {}

  static boolean bare(Sketch s, SplittableRandom r) {
    if (s.layer("extra").isPresent()) {
      return false;
    }
    LayerSketch field = new LayerSketch("extra", null);
    if (r.nextBoolean()) {
      field.quantize = "@Quantize";
    }
    s.layers.add(r.nextInt(s.layers.size() + 1), field);
    return true;
  }

  static boolean twoKinds(Sketch s, SplittableRandom r) {
    LayerSketch l = any(s, r);
    if (l == null || !l.extraAnnotations.isEmpty()) {
      return false; // a layer annotation repeated would be javac's error
    }
    l.extraAnnotations.add("ReLU".equals(l.kind) ? "@Dropout(rate = 0.5)" : "@ReLU");
    return true;
  }

  static boolean fieldType(Sketch s, SplittableRandom r) {
    LayerSketch l = any(s, r);
    if (l == null) {
      return false;
    }
    l.type = pick(r, "Object", "String", "io.qat4j.model.Shape");
    return true;
  }

  static boolean fieldMods(Sketch s, SplittableRandom r) {
    LayerSketch l = any(s, r);
    if (l == null) {
      return false;
    }
    switch (r.nextInt(3)) {
      case 0 -> l.modifiers = "private ";
      case 1 -> l.modifiers = "static ";
      default -> {
        l.modifiers = "final ";
        l.initializer = "null";
      }
    }
    return true;
  }

  static boolean modelClass(Sketch s, SplittableRandom r) {
    if (s.classBroken) {
      return false; // twice could be javac's error: an abstract method in a final class, say
    }
    s.classBroken = true;
    s.members.removeIf(m -> m.startsWith("#") || m.startsWith("protected #"));
    switch (r.nextInt(6)) {
      case 0 -> {
        s.nestedModifiers = null;
        s.classModifiers = "public final ";
      }
      case 1 -> s.members.add("private #() {}");
      case 2 -> s.members.add("#(int size) {}");
      case 3 -> {
        s.nestedModifiers = null;
        s.classModifiers = "public abstract ";
        s.members.add("abstract void fit();");
      }
      case 4 -> s.typeParameters = "<T>";
      default -> s.nestedModifiers = pick(r, "public abstract ", "private abstract static ");
    }
    return true;
  }
}
