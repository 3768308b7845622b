package io.qat4j.examples.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random {@code @Quantize} and {@code @Scheme} source text that the processor accepts. */
final class Schemes {
  private static final int[] BITS = {8, 8, 8, 8, 2, 4, 7, 12, 16};

  private final SplittableRandom r;

  Schemes(SplittableRandom r) {
    this.r = r;
  }

  /**
   * A {@code @Quantize} that quantizes: no members, or some schemes.
   *
   * @param weights whether a weight scheme means anything here (a class, or a layer with weights)
   */
  String quantize(boolean weights) {
    List<String> parts = new ArrayList<>();
    if (r.nextInt(8) == 0) {
      parts.add("skip = false");
    }
    if (weights && r.nextInt(3) == 0) {
      parts.add("weights = " + scheme(true));
    }
    if (r.nextInt(3) == 0) {
      parts.add("activations = " + scheme(false));
    }
    if (parts.isEmpty()) {
      return r.nextInt(4) == 0 ? "@Quantize()" : "@Quantize";
    }
    return "@Quantize(" + String.join(", ", parts) + ")";
  }

  /** A {@code @Scheme} with a random subset of members; per-axis ranges only for weights. */
  String scheme(boolean weights) {
    List<String> parts = new ArrayList<>();
    if (r.nextBoolean()) {
      parts.add("bits = " + BITS[r.nextInt(BITS.length)]);
    }
    if (r.nextInt(3) == 0) {
      parts.add("symmetric = " + r.nextBoolean());
    }
    if (r.nextInt(3) == 0) {
      parts.add("narrowRange = " + r.nextBoolean());
    }
    if (r.nextInt(3) == 0) {
      parts.add("perAxis = " + (weights && r.nextBoolean()));
    }
    if (parts.isEmpty()) {
      return r.nextBoolean() ? "@Scheme" : "@Scheme()";
    }
    return "@Scheme(" + String.join(", ", parts) + ")";
  }
}
