package io.qat4j.model;

import io.qat4j.annotation.Padding;
import java.util.ArrayList;
import java.util.List;

/** Output-size arithmetic and value checks shared by convolutions and pools. */
final class Spatial {
  private Spatial() {}

  /** TensorFlow's rule: SAME gives ceil(in / stride), VALID ceil((in - extent + 1) / stride). */
  static int outputSize(int in, int kernel, int stride, int dilation, Padding padding) {
    long extent = extent(kernel, dilation);
    return (int)
        (padding == Padding.SAME
            ? Math.floorDiv((long) in + stride - 1, stride)
            : Math.floorDiv(in - extent + stride, stride));
  }

  /** Extent of a dilated kernel. */
  static long extent(int kernel, int dilation) {
    return (kernel - 1L) * dilation + 1;
  }

  /** A NonPositiveSize finding for each pair of values that is not positive. */
  static List<Finding> positive(String kind, String attribute, int... values) {
    List<Finding> out = new ArrayList<>();
    for (int v : values) {
      if (v <= 0) {
        out.add(
            new Finding(
                "NonPositiveSize",
                attribute,
                kind + " " + attribute + " is " + v + " but must be positive. Give it a value of"
                    + " at least 1."));
        break;
      }
    }
    return out;
  }

  /** The rank-3 check every spatial layer makes on its input. */
  static ShapeResult needsImage(String kind, String name, String from, Shape in) {
    return ShapeResult.fail(
        "RankMismatch",
        "inputs",
        kind + " '" + name + "' needs a [C, H, W] input but gets " + in + " from '" + from
            + "'. Feed it an image tensor, or use a layer that takes flat input.");
  }

  static String hw(long h, long w) {
    return h == w ? String.valueOf(h) : h + "x" + w;
  }
}
