package io.qat4j.runtime.layers;

/**
 * Column unfolding of one example {@code [C, H, W]} for a convolution of geometry {@code g}: a
 * {@code [C·kH·kW, outH·outW]} matrix whose row {@code (c·kH + ky)·kW + kx} holds, for every
 * output position, the input value under tap {@code (ky, kx)} of channel {@code c}, or 0 where
 * that tap falls in the padding. Row order matches a {@code [F, C, kH, kW]} weight read as
 * {@code [F, C·kH·kW]}, so the convolution of one example is one matrix product.
 *
 * <p>The index arithmetic is computed once here and shared by the float and double loops.
 */
final class Im2Col {
  final int channels;
  final int height;
  final int width;
  final int outH;
  final int outW;
  /** Rows of the column matrix: C·kH·kW. */
  final int rows;
  /** Columns of the column matrix: outH·outW. */
  final int cols;
  private final int strideW;
  /** Per row: first and one-past-last output column whose tap lies inside the input. */
  private final int[] lo;
  private final int[] hi;
  /**
   * Per (row, output row): index in the example of the tap's input value for output column 0
   * (possibly outside the row, even negative, when the first columns fall in the padding), or
   * {@link #PADDING} when the whole output row falls in the padding.
   */
  private final int[] start;

  private static final int PADDING = Integer.MIN_VALUE;

  /**
   * Whether successive output rows read successive input rows of one channel with no gap (stride
   * 1, as wide as the input: SAME convolutions with stride 1), so that a whole column row is one
   * block copy plus zeros at the borders instead of one short copy per output row.
   */
  private final boolean contiguous;
  /** Per row: first and one-past-last output row whose tap lies inside the input. */
  private final int[] firstRow;
  private final int[] endRow;

  Im2Col(ConvGeometry g, long c, long h, long w) {
    this.channels = Math.toIntExact(c);
    this.height = Math.toIntExact(h);
    this.width = Math.toIntExact(w);
    this.outH = Math.toIntExact(g.outputHeight(h));
    this.outW = Math.toIntExact(g.outputWidth(w));
    this.rows = Math.multiplyExact(channels, g.kernelH() * g.kernelW());
    this.cols = Math.multiplyExact(outH, outW);
    this.strideW = g.strideW();
    int top = Math.toIntExact(g.padTop(h));
    int left = Math.toIntExact(g.padLeft(w));
    lo = new int[rows];
    hi = new int[rows];
    start = new int[rows * outH];
    firstRow = new int[rows];
    endRow = new int[rows];
    contiguous = g.strideH() == 1 && g.strideW() == 1 && outW == width;
    for (int ch = 0; ch < channels; ch++) {
      for (int ky = 0; ky < g.kernelH(); ky++) {
        for (int kx = 0; kx < g.kernelW(); kx++) {
          int row = (ch * g.kernelH() + ky) * g.kernelW() + kx;
          int dx = kx * g.dilationW() - left;
          // ox·strideW + dx in [0, width)
          int first = dx >= 0 ? 0 : Math.floorDiv(-dx + strideW - 1, strideW);
          int last = width - dx <= 0 ? 0 : Math.floorDiv(width - dx + strideW - 1, strideW);
          lo[row] = Math.min(first, outW);
          hi[row] = Math.max(lo[row], Math.min(last, outW));
          firstRow[row] = outH;
          for (int oy = 0; oy < outH; oy++) {
            int iy = oy * g.strideH() + ky * g.dilationH() - top;
            boolean inside = iy >= 0 && iy < height;
            start[row * outH + oy] = inside ? (ch * height + iy) * width + dx : PADDING;
            if (inside) {
              firstRow[row] = Math.min(firstRow[row], oy);
              endRow[row] = oy + 1;
            }
          }
        }
      }
    }
  }

  /** Values per example: C·H·W. */
  int exampleSize() {
    return channels * height * width;
  }

  /** Unfolds the example at {@code x[xOffset ..]} into {@code out[0 .. rows·cols)}. */
  void unfold(float[] x, int xOffset, float[] out) {
    if (contiguous) {
      for (int r = 0; r < rows; r++) {
        int base = r * cols;
        int y0 = firstRow[r];
        int y1 = endRow[r];
        int l = lo[r];
        int h = hi[r];
        if (y0 >= y1 || l >= h) {
          java.util.Arrays.fill(out, base, base + cols, 0f);
          continue;
        }
        java.util.Arrays.fill(out, base, base + y0 * outW + l, 0f);
        // One block from the first to the last value inside; the values it picks up past the
        // row ends are padding, zeroed after.
        int length = (y1 - 1 - y0) * outW + (h - l);
        System.arraycopy(x, xOffset + start[r * outH + y0] + l, out, base + y0 * outW + l, length);
        java.util.Arrays.fill(out, base + (y1 - 1) * outW + h, base + cols, 0f);
        if (l > 0 || h < outW) {
          for (int oy = y0; oy < y1; oy++) {
            int o = base + oy * outW;
            for (int ox = 0; ox < l; ox++) {
              out[o + ox] = 0f;
            }
            for (int ox = h; ox < outW; ox++) {
              out[o + ox] = 0f;
            }
          }
        }
      }
      return;
    }
    for (int r = 0; r < rows; r++) {
      int l = lo[r];
      int h = hi[r];
      for (int oy = 0; oy < outH; oy++) {
        int o = (r * outH + oy) * outW;
        int s = start[r * outH + oy];
        if (s == PADDING) {
          java.util.Arrays.fill(out, o, o + outW, 0f);
          continue;
        }
        for (int ox = 0; ox < l; ox++) {
          out[o + ox] = 0f;
        }
        int src = xOffset + s;
        if (strideW == 1) {
          System.arraycopy(x, src + l, out, o + l, h - l);
        } else {
          for (int ox = l; ox < h; ox++) {
            out[o + ox] = x[src + ox * strideW];
          }
        }
        for (int ox = h; ox < outW; ox++) {
          out[o + ox] = 0f;
        }
      }
    }
  }

  /** {@link #unfold(float[], int, float[])} in double precision. */
  void unfold(double[] x, int xOffset, double[] out) {
    if (contiguous) {
      for (int r = 0; r < rows; r++) {
        int base = r * cols;
        int y0 = firstRow[r];
        int y1 = endRow[r];
        int l = lo[r];
        int h = hi[r];
        if (y0 >= y1 || l >= h) {
          java.util.Arrays.fill(out, base, base + cols, 0d);
          continue;
        }
        java.util.Arrays.fill(out, base, base + y0 * outW + l, 0d);
        // One block from the first to the last value inside; the values it picks up past the
        // row ends are padding, zeroed after.
        int length = (y1 - 1 - y0) * outW + (h - l);
        System.arraycopy(x, xOffset + start[r * outH + y0] + l, out, base + y0 * outW + l, length);
        java.util.Arrays.fill(out, base + (y1 - 1) * outW + h, base + cols, 0d);
        if (l > 0 || h < outW) {
          for (int oy = y0; oy < y1; oy++) {
            int o = base + oy * outW;
            for (int ox = 0; ox < l; ox++) {
              out[o + ox] = 0d;
            }
            for (int ox = h; ox < outW; ox++) {
              out[o + ox] = 0d;
            }
          }
        }
      }
      return;
    }
    for (int r = 0; r < rows; r++) {
      int l = lo[r];
      int h = hi[r];
      for (int oy = 0; oy < outH; oy++) {
        int o = (r * outH + oy) * outW;
        int s = start[r * outH + oy];
        if (s == PADDING) {
          java.util.Arrays.fill(out, o, o + outW, 0d);
          continue;
        }
        for (int ox = 0; ox < l; ox++) {
          out[o + ox] = 0d;
        }
        int src = xOffset + s;
        if (strideW == 1) {
          System.arraycopy(x, src + l, out, o + l, h - l);
        } else {
          for (int ox = l; ox < h; ox++) {
            out[o + ox] = x[src + ox * strideW];
          }
        }
        for (int ox = h; ox < outW; ox++) {
          out[o + ox] = 0d;
        }
      }
    }
  }

  /**
   * The adjoint of {@link #unfold}: sets {@code dx[0 .. exampleSize)} to the sum, over every
   * column entry, of {@code columns} at the input value it was read from. May overwrite the
   * entries of {@code columns} at padding positions.
   */
  void fold(float[] columns, float[] dx) {
    java.util.Arrays.fill(dx, 0, exampleSize(), 0f);
    if (contiguous) {
      for (int r = 0; r < rows; r++) {
        int base = r * cols;
        int y0 = firstRow[r];
        int y1 = endRow[r];
        int l = lo[r];
        int h = hi[r];
        if (y0 >= y1 || l >= h) {
          continue;
        }
        // The entries of padding positions inside the block are dropped by zeroing them, so
        // the block adds as one run (onto positions they do not belong to, but adding 0).
        if (l > 0 || h < outW) {
          for (int oy = y0; oy < y1; oy++) {
            int o = base + oy * outW;
            for (int ox = 0; ox < l; ox++) {
              columns[o + ox] = 0f;
            }
            for (int ox = h; ox < outW; ox++) {
              columns[o + ox] = 0f;
            }
          }
        }
        int length = (y1 - 1 - y0) * outW + (h - l);
        int from = base + y0 * outW + l;
        int to = start[r * outH + y0] + l;
        for (int i = 0; i < length; i++) {
          dx[to + i] += columns[from + i];
        }
      }
      return;
    }
    for (int r = 0; r < rows; r++) {
      int l = lo[r];
      int h = hi[r];
      for (int oy = 0; oy < outH; oy++) {
        int s = start[r * outH + oy];
        if (s == PADDING) {
          continue;
        }
        int o = (r * outH + oy) * outW;
        if (strideW == 1) {
          int d = s - o;
          for (int i = o + l; i < o + h; i++) {
            dx[d + i] += columns[i];
          }
        } else {
          for (int ox = l; ox < h; ox++) {
            dx[s + ox * strideW] += columns[o + ox];
          }
        }
      }
    }
  }

  /** {@link #fold(float[], float[])} in double precision. */
  void fold(double[] columns, double[] dx) {
    java.util.Arrays.fill(dx, 0, exampleSize(), 0d);
    if (contiguous) {
      for (int r = 0; r < rows; r++) {
        int base = r * cols;
        int y0 = firstRow[r];
        int y1 = endRow[r];
        int l = lo[r];
        int h = hi[r];
        if (y0 >= y1 || l >= h) {
          continue;
        }
        // The entries of padding positions inside the block are dropped by zeroing them, so
        // the block adds as one run (onto positions they do not belong to, but adding 0).
        if (l > 0 || h < outW) {
          for (int oy = y0; oy < y1; oy++) {
            int o = base + oy * outW;
            for (int ox = 0; ox < l; ox++) {
              columns[o + ox] = 0d;
            }
            for (int ox = h; ox < outW; ox++) {
              columns[o + ox] = 0d;
            }
          }
        }
        int length = (y1 - 1 - y0) * outW + (h - l);
        int from = base + y0 * outW + l;
        int to = start[r * outH + y0] + l;
        for (int i = 0; i < length; i++) {
          dx[to + i] += columns[from + i];
        }
      }
      return;
    }
    for (int r = 0; r < rows; r++) {
      int l = lo[r];
      int h = hi[r];
      for (int oy = 0; oy < outH; oy++) {
        int s = start[r * outH + oy];
        if (s == PADDING) {
          continue;
        }
        int o = (r * outH + oy) * outW;
        if (strideW == 1) {
          int d = s - o;
          for (int i = o + l; i < o + h; i++) {
            dx[d + i] += columns[i];
          }
        } else {
          for (int ox = l; ox < h; ox++) {
            dx[s + ox * strideW] += columns[o + ox];
          }
        }
      }
    }
  }
}
