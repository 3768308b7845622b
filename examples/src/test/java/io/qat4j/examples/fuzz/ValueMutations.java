package io.qat4j.examples.fuzz;

import static io.qat4j.examples.fuzz.SketchEdits.annotated;
import static io.qat4j.examples.fuzz.SketchEdits.insertAfter;
import static io.qat4j.examples.fuzz.SketchEdits.insertAfterAny;
import static io.qat4j.examples.fuzz.SketchEdits.insertAfterRank;
import static io.qat4j.examples.fuzz.SketchEdits.pick;
import static io.qat4j.examples.fuzz.SketchEdits.tensorOfRank;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Mutations of annotation values: sizes that are not positive, values out of range, arrays of the
 * wrong length, tensors too large to index.
 */
final class ValueMutations {
  private ValueMutations() {}

  static boolean nonPositive(Sketch s, SplittableRandom r) {
    List<String> sized = List.of("filters", "units", "kernel", "strides", "size", "depthMultiplier",
        "dilation");
    List<LayerSketch> candidates = annotated(s).stream()
        .filter(l -> l.isWeighted() || l.kind.endsWith("Pool") && !l.kind.startsWith("Global")
            || "Reshape".equals(l.kind) || "Custom".equals(l.kind))
        .toList();
    if (candidates.isEmpty()) {
      return false;
    }
    LayerSketch l = candidates.get(r.nextInt(candidates.size()));
    String bad = r.nextBoolean() ? "0" : "-" + (1 + r.nextInt(3));
    switch (l.kind) {
      // -1 in a reshape means "inferred", so its bad sizes are 0, below -1, or -1 twice
      case "Reshape" -> l.with("shape", r.nextBoolean() ? "{-1, -1}" : pick(r, "{0, 4}", "{-2, 4}"));
      case "Custom" -> l.with("outputShape", "{" + bad + "}");
      default -> {
        List<String> members = sized.stream().filter(m -> applies(l.kind, m)).toList();
        String member = members.get(r.nextInt(members.size()));
        l.with(member, member.equals("filters") || member.equals("units")
            || member.equals("depthMultiplier") || r.nextBoolean() ? bad : "{3, " + bad + "}");
      }
    }
    return true;
  }

  private static boolean applies(String kind, String member) {
    return switch (member) {
      case "filters" -> kind.equals("Conv2D");
      case "units" -> kind.equals("Dense");
      case "kernel", "dilation" -> kind.endsWith("Conv2D");
      case "strides" -> !kind.equals("Dense");
      case "size" -> kind.endsWith("Pool");
      case "depthMultiplier" -> kind.equals("DepthwiseConv2D");
      default -> false;
    };
  }

  static boolean nonPositiveInput(Sketch s, SplittableRandom r) {
    int[] dims = s.inputShape.clone();
    dims[r.nextInt(dims.length)] = r.nextBoolean() ? 0 : -2;
    s.input = Dims.array(dims);
    return true;
  }

  static boolean invalidValue(Sketch s, SplittableRandom r) {
    switch (r.nextInt(4)) {
      case 0 -> s.input = "{}";
      case 1 -> {
        LayerSketch drop = new LayerSketch("dropout", "Dropout")
            .with("rate", pick(r, "1.0", "1.5", "-0.25", "Double.NaN"));
        return insertAfterAny(s, drop, r);
      }
      case 2 -> {
        LayerSketch reshape = new LayerSketch("reshape", "Reshape").with("shape", "{}");
        return insertAfterAny(s, reshape, r);
      }
      default -> {
        LayerSketch bn = new LayerSketch("norm", "BatchNorm");
        if (r.nextBoolean()) {
          bn.with("epsilon", pick(r, "0.0", "-1e-3", "Double.POSITIVE_INFINITY"));
        } else {
          bn.with("momentum", pick(r, "0.0", "1.0", "1.5", "-0.5"));
        }
        return insertAfterAny(s, bn, r);
      }
    }
    return true;
  }

  /** Kernel, stride, dilation or pool size as three values, or none. */
  static boolean threeValues(Sketch s, SplittableRandom r) {
    List<LayerSketch> candidates = annotated(s).stream()
        .filter(l -> l.kind.endsWith("Conv2D") || l.kind.equals("MaxPool") || l.kind.equals("AvgPool"))
        .toList();
    if (candidates.isEmpty()) {
      return false;
    }
    LayerSketch l = candidates.get(r.nextInt(candidates.size()));
    String member = l.kind.endsWith("Pool") ? pick(r, "size", "strides")
        : pick(r, "kernel", "strides", "dilation");
    l.with(member, r.nextBoolean() ? "{1, 1, 1}" : "{}");
    if (member.equals("strides") && l.kind.endsWith("Pool") && l.members.get(member).equals("{}")) {
      l.with(member, "{2, 2, 2}"); // empty pool strides mean "the window size", which is fine
    }
    return true;
  }


  static boolean tooLarge(Sketch s, SplittableRandom r) {
    switch (r.nextInt(4)) {
      case 0 -> {
        s.input = "{65536, 65536, 2}";
        return true;
      }
      case 1 -> {
        // the weight [1, C, 65536, 65536] is too large, while SAME keeps the output small
        return insertAfterRank(s, r, 3, new LayerSketch("wide", "Conv2D").with("filters", 1)
            .with("kernel", 65536).with("padding", "Padding.SAME"));
      }
      case 2 -> {
        Optional<String> at = tensorOfRank(s, r, 1);
        // 2^28 units over 16 or more inputs: a weight of at least 2^32 values
        return at.isPresent() && s.shapeOf(at.get())[0] >= 16
            && insertAfter(s, at.get(), new LayerSketch("wide", "Dense").with("units", 1 << 28));
      }
      default -> {
        // 2^30 channels, or 2^30 times C, overflow over at least two values per channel
        Optional<String> at = tensorOfRank(s, r, 3);
        if (at.isEmpty() || Dims.elements(s.shapeOf(at.get())) < 2) {
          return false;
        }
        boolean depthwise = r.nextBoolean();
        LayerSketch l = depthwise
            ? new LayerSketch("huge", "DepthwiseConv2D").with("kernel", 1)
                .with("depthMultiplier", 1 << 30)
            : new LayerSketch("huge", "Conv2D").with("filters", 1 << 30).with("kernel", 1);
        int[] in = s.shapeOf(at.get());
        return (depthwise || in[1] * in[2] >= 2) && insertAfter(s, at.get(), l);
      }
    }
  }
}
