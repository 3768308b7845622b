package io.qat4j.runtime.int8.kernels;

import io.qat4j.runtime.int8.Int8Conv;
import io.qat4j.runtime.layers.ConvGeometry;
import java.util.Arrays;

/**
 * Integer Conv2D and DepthwiseConv2D on one example, as im2col and a matrix product vectorized
 * over output pixels.
 *
 * <p>Layouts: input codes {@code [C, H, W]}, output codes {@code [O, OH, OW]}. {@link #prepare}
 * widens the input less its zero point to int and writes the im2col rows: row {@code (c·kh + i)·kw
 * + j} holds, for every output pixel, the input under tap {@code (i, j)} of channel {@code c}, or
 * 0 where the tap falls in the padding (padding is the input zero point, so real 0). {@link
 * #compute} then forms each output channel's sums {@code Σ w·row[p]}: with the Vector API module,
 * eight channels at a time in registers ({@link ChannelTiles}), with weights packed eight channels
 * side by side; otherwise, and for depthwise layers, one channel at a time with {@code acc[p] +=
 * w·row[p]} over four rows, the loop shape C2 turns into AVX code. Last, the sums are requantized
 * ({@link OutputStage}).
 *
 * <p>The microkernel on a convolution of stride 1 needs no im2col copy: it computes every output
 * pixel on a grid as wide as the bordered plane ({@code OH × paddedWidth}, the few extra columns
 * computed and dropped), where the row of tap {@code (i, j)} of channel {@code c} is a contiguous
 * run of the plane itself, starting at the tap's offset. Measured on FashionCnn's second
 * convolution: the im2col copy took 40 µs of 140; widening alone takes about 4.
 */
public final class ConvKernel {
  private final int channels;
  private final int height;
  private final int width;
  private final int outChannels;
  private final int outHeight;
  private final int outWidth;
  private final int kernelH;
  private final int kernelW;
  private final int strideH;
  private final int strideW;
  private final int dilationH;
  private final int dilationW;
  private final int padTop;
  private final int padLeft;
  /** The input plane with its zero border: every tap of every output pixel falls inside. */
  private final int paddedHeight;
  private final int paddedWidth;
  private final boolean depthwise;
  private final int depthMultiplier;
  private final int taps;
  private final int rowsPerOutput;
  private final byte[] weights;
  /**
   * For the microkernel: the weights as ints, {@code [tile][row][CHANNELS]}, channels past the
   * last padded with 0; empty without it.
   */
  private final int[] tileWeights;
  private final int[] bias;
  private final int[] multipliers;
  private final int[] shifts;
  private final int inputZeroPoint;
  private final int outputZeroPoint;
  private final int clampMin;
  private final int clampMax;
  /** The Vector API microkernel, for plain convolutions when the JVM has the module. */
  private final ChannelTiles tiles;
  /** Whether the microkernel reads its rows straight from the bordered planes. */
  private final boolean direct;
  /** Accumulator values per output row: {@code paddedWidth} when {@link #direct}, else OW. */
  private final int gridWidth;
  /** Values per row and accumulator: {@code OH × gridWidth}, padded to the microkernel's tile. */
  private final int stride;
  /**
   * For the microkernel: where each row starts, in the bordered planes when {@link #direct},
   * else in {@link Rows#packed}; empty without it.
   */
  private final int[] rowOffsets;

  /** Prepares the kernel of {@code layer}; its arrays are read, never written. */
  public ConvKernel(Int8Conv layer) {
    this(layer, VectorSupport.tiles().orElse(null));
  }

  /** The kernel with {@code tiles} as its microkernel, or the plain-Java loops if null. */
  ConvKernel(Int8Conv layer, ChannelTiles tiles) {
    channels = layer.inputShape().dim(0);
    height = layer.inputShape().dim(1);
    width = layer.inputShape().dim(2);
    outChannels = layer.outputShape().dim(0);
    outHeight = layer.outputShape().dim(1);
    outWidth = layer.outputShape().dim(2);
    ConvGeometry g = layer.geometry();
    kernelH = g.kernelH();
    kernelW = g.kernelW();
    strideH = g.strideH();
    strideW = g.strideW();
    dilationH = g.dilationH();
    dilationW = g.dilationW();
    padTop = Math.toIntExact(g.padTop(height));
    padLeft = Math.toIntExact(g.padLeft(width));
    paddedHeight = Math.max(padTop + height,
        (outHeight - 1) * strideH + (kernelH - 1) * dilationH + 1);
    paddedWidth =
        Math.max(padLeft + width, (outWidth - 1) * strideW + (kernelW - 1) * dilationW + 1);
    depthwise = layer.depthwise();
    depthMultiplier = layer.depthMultiplier();
    taps = kernelH * kernelW;
    rowsPerOutput = depthwise ? taps : channels * taps;
    weights = layer.weights();
    bias = layer.bias();
    multipliers = layer.multipliers();
    shifts = layer.shifts();
    inputZeroPoint = layer.inputZeroPoint();
    outputZeroPoint = layer.output().zeroPoint();
    clampMin = layer.clampMin();
    clampMax = layer.clampMax();
    // Depthwise channels each read their own rows, so they cannot share a tile's loads.
    this.tiles = depthwise || outChannels < ChannelTiles.CHANNELS ? null : tiles;
    this.direct = this.tiles != null && strideH == 1 && strideW == 1;
    this.gridWidth = direct ? paddedWidth : outWidth;
    int n = outHeight * gridWidth;
    this.stride = this.tiles == null ? n : roundUp(n, this.tiles.pixelMultiple());
    this.tileWeights = this.tiles == null ? new int[0] : packTiles(weights, outChannels,
        rowsPerOutput);
    this.rowOffsets = new int[this.tiles == null ? 0 : rowsPerOutput];
    for (int k = 0; k < rowOffsets.length; k++) {
      rowOffsets[k] = direct ? tapOffset(k / taps, k % taps / kernelW, k % kernelW) : k * stride;
    }
  }

  /** Where tap {@code (i, j)} of channel {@code c} first reads, in the bordered planes. */
  private int tapOffset(int c, int i, int j) {
    return c * paddedHeight * paddedWidth + i * dilationH * paddedWidth + j * dilationW;
  }

  /** {@code packed[(t·rows + k)·CHANNELS + c] = weights[(t·CHANNELS + c)·rows + k]}. */
  private static int[] packTiles(byte[] weights, int outChannels, int rows) {
    int channelTiles = roundUp(outChannels, ChannelTiles.CHANNELS) / ChannelTiles.CHANNELS;
    int[] packed = new int[channelTiles * rows * ChannelTiles.CHANNELS];
    for (int o = 0; o < outChannels; o++) {
      int t = o / ChannelTiles.CHANNELS;
      int c = o % ChannelTiles.CHANNELS;
      for (int k = 0; k < rows; k++) {
        packed[(t * rows + k) * ChannelTiles.CHANNELS + c] = weights[o * rows + k];
      }
    }
    return packed;
  }

  private static int roundUp(int n, int multiple) {
    return (n + multiple - 1) / multiple * multiple;
  }

  /** Whether the Vector API microkernel computes this layer. */
  public boolean vectorized() {
    return tiles != null;
  }

  /**
   * What the first output channel of every {@link #compute} range must be a multiple of: the
   * microkernel's tile of channels, or 1 for the plain loops.
   */
  public int channelAlignment() {
    return tiles == null ? 1 : ChannelTiles.CHANNELS;
  }

  /** Output height. */
  public int outputHeight() {
    return outHeight;
  }

  /** Output width. */
  public int outputWidth() {
    return outWidth;
  }

  /** Output pixels per channel, {@code OH × OW}. */
  public int pixels() {
    return outHeight * outWidth;
  }

  /** Input channels. */
  public int inputChannels() {
    return channels;
  }

  /** Output channels. */
  public int outputChannels() {
    return outChannels;
  }

  /** Multiply-accumulates per example. */
  public long macs() {
    return (long) outChannels * rowsPerOutput * pixels();
  }

  /** Buffers for one example in flight: the widened input and its im2col rows. */
  public Rows newRows() {
    int planes = channels * paddedHeight * paddedWidth;
    if (tiles == null) {
      return new Rows(new int[planes], new int[channels * taps][stride], new int[0]);
    }
    // Read past the last plane by at most one grid: the extra columns of the last tap's row.
    // Padding past the pixels stays 0, so the microkernel's last tile adds nothing there.
    return direct
        ? new Rows(new int[planes + stride], new int[0][], new int[0])
        : new Rows(new int[planes], new int[0][], new int[channels * taps * stride]);
  }

  /** A buffer for one worker's accumulators: a tile of channels when vectorized. */
  public int[] newAccumulator() {
    return new int[tiles == null ? stride : ChannelTiles.CHANNELS * stride];
  }

  /**
   * The widened input, each channel in its zero-bordered plane, and the im2col rows, {@code
   * [C·kh·kw][OH·OW]}: as separate arrays in {@code rows} for the plain loops, or back to back
   * in {@code packed} for the microkernel on a strided convolution. A kernel fills only the form
   * it reads; the others are empty (both, for the microkernel at stride 1, which reads the
   * planes).
   */
  public record Rows(int[] widened, int[][] rows, int[] packed) {}

  /**
   * Widens input channels {@code [from, to)} of {@code in}, less the input zero point, into their
   * zero-bordered planes, then writes their im2col rows from those planes: the border makes every
   * tap a plain copy, with no bounds test per pixel.
   */
  public void prepare(byte[] in, Rows buffers, int from, int to) {
    int plane = height * width;
    int padded = paddedHeight * paddedWidth;
    int[] wide = buffers.widened();
    for (int c = from; c < to; c++) {
      widenPlane(in, c * plane, wide, c * padded + padTop * paddedWidth + padLeft);
      if (direct) {
        continue;
      }
      for (int i = 0; i < kernelH; i++) {
        for (int j = 0; j < kernelW; j++) {
          int row = (c * kernelH + i) * kernelW + j;
          int start = tapOffset(c, i, j);
          if (tiles == null) {
            fillRow(wide, start, buffers.rows()[row], 0);
          } else {
            fillRow(wide, start, buffers.packed(), row * stride);
          }
        }
      }
    }
  }

  /** One channel's codes, less the zero point, into the interior of its bordered plane. */
  private void widenPlane(byte[] in, int from, int[] wide, int at) {
    for (int y = 0; y < height; y++) {
      int src = from + y * width;
      int dst = at + y * paddedWidth;
      for (int x = 0; x < width; x++) {
        wide[dst + x] = in[src + x] - inputZeroPoint;
      }
    }
  }

  /** The im2col row of the tap whose first input is {@code wide[start]}, to {@code row[first..]}. */
  private void fillRow(int[] wide, int start, int[] row, int first) {
    for (int oy = 0; oy < outHeight; oy++) {
      int src = start + oy * strideH * paddedWidth;
      int at = first + oy * outWidth;
      if (strideW == 1) {
        copy(wide, src, row, at, outWidth);
      } else {
        for (int ox = 0; ox < outWidth; ox++) {
          row[at + ox] = wide[src + ox * strideW];
        }
      }
    }
  }

  // A loop rather than System.arraycopy: the runs are short (one output row), where the call
  // costs more than the copy.
  private static void copy(int[] from, int src, int[] to, int dst, int n) {
    for (int x = 0; x < n; x++) {
      to[dst + x] = from[src + x];
    }
  }

  /**
   * Computes output channels {@code [from, to)} from rows {@link #prepare}d for every input
   * channel they read, into {@code out}.
   *
   * @param acc a buffer of {@link #pixels()} ints, this worker's own
   */
  public void compute(Rows buffers, int[] acc, byte[] out, int from, int to) {
    int n = pixels();
    OutputStage stage = OutputStage.forThisThread();
    forEachChannel(buffers, acc, from, to, (o, sums, start) -> {
      dropExtraColumns(sums, start);
      writeChannel(stage, sums, start, n, o, out, o * n);
    });
  }

  /**
   * Moves each output row of a grid wider than the output to follow the previous one, so the
   * channel's {@link #pixels()} sums lie contiguous from {@code start}.
   */
  private void dropExtraColumns(int[] sums, int start) {
    if (gridWidth == outWidth) {
      return;
    }
    for (int oy = 1; oy < outHeight; oy++) {
      System.arraycopy(sums, start + oy * gridWidth, sums, start + oy * outWidth, outWidth);
    }
  }

  /**
   * Computes output channels {@code [from, to)} and max-pools each before requantizing it, into
   * {@code out} laid out {@code [O, PH, PW]}. Exact: requantization and the clamp never decrease
   * as the accumulator grows, so the maximum of the codes is the code of the maximum
   * accumulator, and a quarter as many values (for 2x2 windows) need the costly requantization.
   *
   * @param pooled a buffer of {@code pool.outputSize()} ints, this worker's own
   */
  public void computeMaxPooled(Rows buffers, int[] acc, AccumulatorPool pool, int[] pooled,
      byte[] out, int from, int to) {
    int n = pool.outputSize();
    OutputStage stage = OutputStage.forThisThread();
    forEachChannel(buffers, acc, from, to, (o, sums, start) -> {
      pool.max(sums, start, gridWidth, pooled);
      writeChannel(stage, pooled, 0, n, o, out, o * n);
    });
  }

  /** What happens to the sums of one output channel: {@code sums[start..]}, bias not added. */
  @FunctionalInterface
  private interface ChannelSums {
    void accept(int o, int[] sums, int start);
  }

  /**
   * Accumulates channels {@code [from, to)}, a tile at a time where the microkernel runs (the
   * last tile may be partial: its padded channels are computed and dropped).
   *
   * @throws IllegalArgumentException if {@code from} is not a multiple of {@link
   *     #channelAlignment()}
   */
  private void forEachChannel(Rows buffers, int[] acc, int from, int to, ChannelSums then) {
    if (tiles == null) {
      for (int o = from; o < to; o++) {
        accumulate(buffers, o, acc);
        then.accept(o, acc, 0);
      }
      return;
    }
    if (from % ChannelTiles.CHANNELS != 0) {
      throw new IllegalArgumentException("output channels from " + from + " do not start a tile"
          + " of the Vector API kernel; split ranges at multiples of " + channelAlignment());
    }
    int[] rows = direct ? buffers.widened() : buffers.packed();
    for (int o = from; o < to; o += ChannelTiles.CHANNELS) {
      tiles.accumulate(rows, rowOffsets, stride, tileWeights, o / ChannelTiles.CHANNELS, acc);
      for (int c = 0; c < Math.min(ChannelTiles.CHANNELS, to - o); c++) {
        then.accept(o + c, acc, c * stride);
      }
    }
  }

  private void writeChannel(OutputStage stage, int[] acc, int from, int count, int o,
      byte[] out, int at) {
    stage.write(acc, from, count, bias[o], multipliers[o], shifts[o], outputZeroPoint, clampMin,
        clampMax, out, at);
  }

  /** The int32 sums of output channel {@code o} over every pixel, bias not yet added. */
  private void accumulate(Rows buffers, int o, int[] acc) {
    int[][] rows = buffers.rows();
    int n = pixels();
    int rowStart = depthwise ? (o / depthMultiplier) * taps : 0;
    int w = o * rowsPerOutput;
    Arrays.fill(acc, 0, n, 0);
    int k = 0;
    for (; k + 4 <= rowsPerOutput; k += 4) {
      int a0 = weights[w + k];
      int a1 = weights[w + k + 1];
      int a2 = weights[w + k + 2];
      int a3 = weights[w + k + 3];
      if ((a0 | a1 | a2 | a3) != 0) {
        int r = rowStart + k;
        IntLoops.multiplyAdd4(acc, rows[r], rows[r + 1], rows[r + 2], rows[r + 3],
            a0, a1, a2, a3, 0, n);
      }
    }
    for (; k < rowsPerOutput; k++) {
      int a = weights[w + k];
      if (a != 0) {
        IntLoops.multiplyAdd1(acc, rows[rowStart + k], a, 0, n);
      }
    }
  }

  /** The whole layer on one example, single-threaded. */
  public void run(byte[] in, byte[] out, Rows buffers, int[] acc) {
    prepare(in, buffers, 0, channels);
    compute(buffers, acc, out, 0, outChannels);
  }
}
