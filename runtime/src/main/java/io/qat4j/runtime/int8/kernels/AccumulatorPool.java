package io.qat4j.runtime.int8.kernels;

import io.qat4j.runtime.layers.ConvGeometry;

/**
 * Max pooling over one channel of int32 accumulators, {@code [H, W]} to {@code [PH, PW]},
 * padding ignored: what a MaxPool after a convolution computes, moved before requantization (see
 * {@link ConvKernel#computeMaxPooled}).
 */
public final class AccumulatorPool {
  private final int height;
  private final int width;
  private final int outHeight;
  private final int outWidth;
  private final int kernelH;
  private final int kernelW;
  private final int strideH;
  private final int strideW;
  private final int padTop;
  private final int padLeft;

  /** A pool with {@code geometry} over planes of {@code height × width}. */
  public AccumulatorPool(ConvGeometry geometry, int height, int width) {
    this.height = height;
    this.width = width;
    this.outHeight = Math.toIntExact(geometry.outputHeight(height));
    this.outWidth = Math.toIntExact(geometry.outputWidth(width));
    this.kernelH = geometry.kernelH();
    this.kernelW = geometry.kernelW();
    this.strideH = geometry.strideH();
    this.strideW = geometry.strideW();
    this.padTop = Math.toIntExact(geometry.padTop(height));
    this.padLeft = Math.toIntExact(geometry.padLeft(width));
  }

  /** Values per pooled plane. */
  public int outputSize() {
    return outHeight * outWidth;
  }

  /**
   * {@code pooled[y, x]} = the maximum over window {@code (y, x)} of the plane starting at {@code
   * plane[start]}, its rows {@code pitch} values apart ({@code pitch >= width}).
   */
  void max(int[] plane, int start, int pitch, int[] pooled) {
    if (kernelH == 2 && kernelW == 2 && strideH == 2 && strideW == 2 && padTop == 0
        && padLeft == 0 && 2 * outHeight <= height && 2 * outWidth <= width) {
      maxTwoByTwo(plane, start, pitch, pooled);
      return;
    }
    int o = 0;
    for (int y = 0; y < outHeight; y++) {
      int top = y * strideH - padTop;
      int y0 = Math.max(0, top);
      int y1 = Math.min(height, top + kernelH);
      for (int x = 0; x < outWidth; x++) {
        int left = x * strideW - padLeft;
        int x0 = Math.max(0, left);
        int x1 = Math.min(width, left + kernelW);
        int best = Integer.MIN_VALUE;
        for (int iy = y0; iy < y1; iy++) {
          int row = start + iy * pitch;
          for (int ix = x0; ix < x1; ix++) {
            best = Math.max(best, plane[row + ix]);
          }
        }
        pooled[o++] = best;
      }
    }
  }

  /** The common 2x2, stride 2 window that never leaves the plane, without per-window bounds. */
  private void maxTwoByTwo(int[] plane, int start, int pitch, int[] pooled) {
    int o = 0;
    for (int y = 0; y < outHeight; y++) {
      int top = start + 2 * y * pitch;
      int bottom = top + pitch;
      for (int x = 0; x < outWidth; x++) {
        int i = 2 * x;
        pooled[o++] = Math.max(Math.max(plane[top + i], plane[top + i + 1]),
            Math.max(plane[bottom + i], plane[bottom + i + 1]));
      }
    }
  }
}
