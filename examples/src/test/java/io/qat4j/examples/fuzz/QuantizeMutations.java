package io.qat4j.examples.fuzz;

import static io.qat4j.examples.fuzz.SketchEdits.annotated;
import static io.qat4j.examples.fuzz.SketchEdits.any;
import static io.qat4j.examples.fuzz.SketchEdits.insertAfter;
import static io.qat4j.examples.fuzz.SketchEdits.insertAfterAny;
import static io.qat4j.examples.fuzz.SketchEdits.pick;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutations of {@code @Quantize} and {@code @Scheme}, and of where quantized layers may go: bits,
 * per-axis activations, skip, configs, custom layers, BatchNorms that cannot fold.
 */
final class QuantizeMutations {
  private QuantizeMutations() {}

  static boolean bits(Sketch s, SplittableRandom r) {
    String scheme = "@Scheme(bits = " + pick(r, "0", "1", "17", "32", "-8") + ")";
    if (r.nextBoolean()) {
      s.classQuantize = "@Quantize(" + pick(r, "weights", "activations") + " = " + scheme + ")";
      return true;
    }
    LayerSketch l = any(s, r);
    if (l == null) {
      return false;
    }
    l.quantize = "@Quantize(" + (l.isWeighted() ? pick(r, "weights", "activations") : "activations")
        + " = " + scheme + ")";
    return true;
  }

  static boolean perAxis(Sketch s, SplittableRandom r) {
    String q = "@Quantize(activations = @Scheme(perAxis = true))";
    LayerSketch l = any(s, r);
    if (l == null || r.nextBoolean()) {
      s.classQuantize = q;
    } else {
      l.quantize = q;
    }
    return true;
  }

  static boolean skipOnModel(Sketch s, SplittableRandom r) {
    s.classQuantize = "@Quantize(skip = true)";
    return true;
  }

  static boolean skipWithScheme(Sketch s, SplittableRandom r) {
    LayerSketch l = any(s, r);
    if (l == null) {
      return false;
    }
    l.quantize = "@Quantize(skip = true, activations = @Scheme(bits = 8))";
    return true;
  }

  static boolean noWeights(Sketch s, SplittableRandom r) {
    List<LayerSketch> candidates = annotated(s).stream()
        .filter(l -> !l.isWeighted() && !"Custom".equals(l.kind))
        .toList();
    if (candidates.isEmpty()) {
      return false;
    }
    candidates.get(r.nextInt(candidates.size())).quantize =
        "@Quantize(weights = @Scheme(bits = 8))";
    return true;
  }

  /** A quantized BatchNorm after a layer it cannot fold into (or one that also feeds another). */
  static boolean unfoldable(Sketch s, SplittableRandom r) {
    List<String> places = new ArrayList<>();
    List<LayerSketch> all = annotated(s);
    if (s.baseLayers.isEmpty()) {
      places.add("input");
    }
    for (int i = 0; i < all.size(); i++) {
      LayerSketch l = all.get(i);
      boolean last = i == all.size() - 1;
      if (l.shape != null && (!l.linearWeighted() || !last)) {
        places.add(l.name);
      }
    }
    LayerSketch bn = new LayerSketch("norm", "BatchNorm");
    if (!s.classQuantized()) {
      bn.quantize = "@Quantize";
    }
    insertAfter(s, places.get(r.nextInt(places.size())), bn);
    return true;
  }


  static boolean configOnLayer(Sketch s, SplittableRandom r) {
    List<LayerSketch> builtIn = annotated(s).stream().filter(l -> !"Custom".equals(l.kind)).toList();
    if (builtIn.isEmpty()) {
      return false;
    }
    builtIn.get(r.nextInt(builtIn.size())).quantize = "@Quantize(config = FuzzOutputConfig.class)";
    return true;
  }

  static boolean configOnModel(Sketch s, SplittableRandom r) {
    s.classQuantize = "@Quantize(config = FuzzOutputConfig.class)";
    return true;
  }

  static boolean unsupported(Sketch s, SplittableRandom r) {
    if (!s.classQuantized()) {
      s.classQuantize = "@Quantize";
    }
    LayerSketch custom = new LayerSketch("mine", "Custom").with("type", "FuzzIdentityLayer.class");
    return insertAfterAny(s, custom, r);
  }

  static boolean badCustom(Sketch s, SplittableRandom r) {
    LayerSketch custom = new LayerSketch("mine", "Custom")
        .with("type", pick(r, "String.class", "Runnable.class", "int.class", "int[].class",
            "FuzzAbstractConfig.class"));
    custom.quantize = "@Quantize(skip = true)";
    return insertAfterAny(s, custom, r);
  }

  static boolean badConfig(Sketch s, SplittableRandom r) {
    LayerSketch custom = new LayerSketch("mine", "Custom").with("type", "FuzzIdentityLayer.class");
    custom.quantize = "@Quantize(config = " + pick(r, "FuzzAbstractConfig.class",
        "QuantizeConfig.class") + ")";
    return insertAfterAny(s, custom, r);
  }
}
