package io.qat4j.model;

import io.qat4j.annotation.Padding;

/** Output shape of convolutions, with the findings for inputs the kernel does not fit. */
final class Convolution {
  private Convolution() {}

  static ShapeResult outputShape(
      String kind,
      String name,
      String from,
      Shape in,
      int kernelH,
      int kernelW,
      int strideH,
      int strideW,
      int dilationH,
      int dilationW,
      Padding padding,
      int channels) {
    if (in.rank() != 3) {
      return Spatial.needsImage(kind, name, from, in);
    }
    long extentH = Spatial.extent(kernelH, dilationH);
    long extentW = Spatial.extent(kernelW, dilationW);
    if (padding == Padding.VALID && (extentH > in.dim(1) || extentW > in.dim(2))) {
      return ShapeResult.fail(
          "KernelTooLarge",
          "kernel",
          kind + " '" + name + "' has a " + Spatial.hw(extentH, extentW) + " (dilated) kernel,"
              + " larger than its " + Spatial.hw(in.dim(1), in.dim(2)) + " input under VALID"
              + " padding. Use a smaller kernel or padding = Padding.SAME.");
    }
    int h = Spatial.outputSize(in.dim(1), kernelH, strideH, dilationH, padding);
    int w = Spatial.outputSize(in.dim(2), kernelW, strideW, dilationW, padding);
    return ShapeResult.ok(Shape.of(channels, h, w));
  }
}
