package io.qat4j.examples.fuzz;

import static io.qat4j.examples.fuzz.SketchEdits.annotated;
import static io.qat4j.examples.fuzz.SketchEdits.anyTensor;
import static io.qat4j.examples.fuzz.SketchEdits.insertAfter;
import static io.qat4j.examples.fuzz.SketchEdits.insertAfterRank;
import static io.qat4j.examples.fuzz.SketchEdits.pick;
import static io.qat4j.examples.fuzz.SketchEdits.tensorOfRank;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Mutations whose layers get inputs of shapes they cannot take.
 */
final class ShapeMutations {
  private ShapeMutations() {}

  static boolean addMismatch(Sketch s, SplittableRandom r) {
    return joinMismatched(s, r, new LayerSketch("sum", "Add"), false);
  }

  static boolean concatMismatch(Sketch s, SplittableRandom r) {
    return joinMismatched(s, r, new LayerSketch("joined", "Concat"), true);
  }

  /** Appends a join of the last layer and a tensor whose shape does not fit it. */
  private static boolean joinMismatched(Sketch s, SplittableRandom r, LayerSketch join,
      boolean concat) {
    List<LayerSketch> all = annotated(s);
    if (all.isEmpty()) {
      return false;
    }
    LayerSketch last = all.get(all.size() - 1);
    List<String> others = new ArrayList<>();
    others.add("input");
    all.forEach(l -> others.add(l.name));
    List<String> misfits = others.stream()
        .filter(n -> misfit(last.shape, s.shapeOf(n), concat))
        .toList();
    if (last.shape == null || misfits.isEmpty() || s.layer(join.name).isPresent()) {
      return false;
    }
    join.inputs.addAll(List.of(last.name, misfits.get(r.nextInt(misfits.size()))));
    s.layers.add(join);
    return true;
  }

  private static boolean misfit(int[] a, int[] b, boolean concat) {
    if (a == null || b == null) {
      return false;
    }
    if (a.length != b.length) {
      return true;
    }
    for (int d = concat ? 1 : 0; d < a.length; d++) {
      if (a[d] != b[d]) {
        return true;
      }
    }
    return false;
  }

  static boolean denseOnImage(Sketch s, SplittableRandom r) {
    return insertAfterRank(s, r, 3, new LayerSketch("dense", "Dense").with("units", 4));
  }

  static boolean kernelTooLarge(Sketch s, SplittableRandom r) {
    Optional<String> at = tensorOfRank(s, r, 3);
    if (at.isEmpty()) {
      return false;
    }
    int[] in = s.shapeOf(at.get());
    LayerSketch conv = r.nextBoolean()
        ? new LayerSketch("big", "Conv2D").with("filters", 2).with("kernel", in[1] + 1)
        : new LayerSketch("big", "DepthwiseConv2D").with("kernel", "{1, " + (in[2] + 1) + "}");
    if (r.nextBoolean() && in[1] > 1) {
      conv.with("kernel", 2).with("dilation", in[1]);
    }
    insertAfter(s, at.get(), conv);
    return true;
  }

  static boolean emptyOutput(Sketch s, SplittableRandom r) {
    Optional<String> at = tensorOfRank(s, r, 3);
    if (at.isEmpty()) {
      return false;
    }
    int[] in = s.shapeOf(at.get());
    insertAfter(s, at.get(), new LayerSketch("pooled", pick(r, "MaxPool", "AvgPool"))
        .with("size", "{" + (in[1] + 1) + ", 1}"));
    return true;
  }

  static boolean rank(Sketch s, SplittableRandom r) {
    int inputRank = s.inputShape.length;
    if ((inputRank == 2 || inputRank == 4) && s.baseLayers.isEmpty() && r.nextBoolean()) {
      LayerSketch bn = new LayerSketch("norm", "BatchNorm"); // [C, H, W] or [F] only
      bn.quantize = "@Quantize(skip = true)";
      return insertAfter(s, "input", bn);
    }
    if (r.nextBoolean()) {
      return insertAfterRank(s, r, 3, new LayerSketch("probs", "Softmax"));
    }
    LayerSketch spatial = switch (r.nextInt(4)) {
      case 0 -> new LayerSketch("conv", "Conv2D").with("filters", 2).with("kernel", 1);
      case 1 -> new LayerSketch("dw", "DepthwiseConv2D").with("kernel", 1);
      case 2 -> new LayerSketch("pooled", pick(r, "MaxPool", "AvgPool")).with("size", 1);
      default -> new LayerSketch("gap", "GlobalAvgPool");
    };
    return insertAfterRank(s, r, 1, spatial);
  }

  static boolean reshapeSize(Sketch s, SplittableRandom r) {
    LayerSketch reshape = new LayerSketch("reshaped", "Reshape");
    String at = anyTensor(s, r);
    long n = Dims.elements(s.shapeOf(at));
    long k = n + 1;
    reshape.with("shape", r.nextBoolean() ? "{" + k + "}" : "{-1, " + k + "}");
    insertAfter(s, at, reshape);
    return true;
  }

  static boolean axis(Sketch s, SplittableRandom r) {
    String at = anyTensor(s, r);
    int rank = s.shapeOf(at).length;
    LayerSketch cat = new LayerSketch("joined", "Concat")
        .with("axis", r.nextBoolean() ? rank : -rank - 1);
    cat.inputs.addAll(List.of(at, at));
    return insertAfter(s, at, cat);
  }

  /** An input, output or weight with more values than an int indexes. */
}
