package io.qat4j.runtime.quant;

import io.qat4j.runtime.cpu.ArrayPool;
import io.qat4j.runtime.cpu.Memory;
import io.qat4j.runtime.cpu.Parallel;
import io.qat4j.runtime.cpu.Scratch;
import java.lang.ref.Reference;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fake quantization, range scans and straight-through gradients of float and double tensors in
 * one Java pass each, in chunks shared among {@link Parallel}'s threads; array ops made about
 * nine passes and as many temporaries for a fake quantization. The arithmetic is the array ops',
 * element by element in the tensor's type with the range constants rounded to it: {@code c =
 * min(max(x, lo), hi)} (NaN becomes {@code lo}, as libnd4j's {@code max} gives it), mask {@code c
 * == x}, value {@code floor((c − lo) / scale + 0.5) · scale + lo}.
 *
 * <p>Ranges come per row: {@code rows} equal runs of consecutive elements (1 for a whole tensor,
 * the size of axis 0 for per-axis quantization).
 */
final class FakeQuantKernels {
  private static final int CHUNK = 1 << 15;

  private FakeQuantKernels() {}

  /**
   * The straight-through mask of one fake quantization, kept as the positions where it is 0 (the
   * values outside their range), which are few: writing a flag for every element cost more than
   * the quantization itself. Chunk {@code t} lists its positions in {@code index[t·CHUNK ..
   * t·CHUNK + count[t])}. Reused from call to call.
   */
  static final class Outside {
    private int[] index = new int[0];
    private int[] count = new int[0];
    private int length;

    void reset(int length) {
      if (index.length < length) {
        index = new int[length];
      }
      int chunks = Parallel.chunks(length, CHUNK);
      if (count.length < chunks) {
        count = new int[chunks];
      }
      this.length = length;
    }

    /** Number of elements covered. */
    int length() {
      return length;
    }

    /** The mask as one byte per element: 1 inside the range, 0 outside. */
    byte[] toBytes() {
      byte[] mask = new byte[length];
      java.util.Arrays.fill(mask, (byte) 1);
      for (int t = 0; t < Parallel.chunks(length, CHUNK); t++) {
        for (int k = 0; k < count[t]; k++) {
          mask[index[t * CHUNK + k]] = 0;
        }
      }
      return mask;
    }
  }

  /** Whether these kernels take {@code x}: a dense float or double array. */
  static boolean accepts(INDArray x) {
    return Memory.isDense(x) && x.length() <= Integer.MAX_VALUE;
  }

  /**
   * {@code x} fake-quantized with range {@code r} for the {@code r}-th run of {@code x.length() /
   * lo.length} elements; {@code mask}, when given, receives the positions of the values outside
   * their range.
   */
  static INDArray quantize(INDArray x, double[] lo, double[] hi, double[] scale, Outside mask) {
    int length = Math.toIntExact(x.length());
    if (mask != null) {
      mask.reset(length);
    }
    int rows = lo.length;
    int rowLength = length / rows;
    INDArray out = ArrayPool.createUninitialized(x.dataType(), x.shape());
    int tasks = Parallel.chunks(length, CHUNK);
    if (x.dataType() == DataType.FLOAT) {
      FloatBuffer xb = Memory.floats(x);
      FloatBuffer ob = Memory.floats(out);
      float[] l = new float[rows];
      float[] h = new float[rows];
      float[] s = new float[rows];
      for (int r = 0; r < rows; r++) {
        l[r] = (float) lo[r];
        h[r] = (float) hi[r];
        s[r] = (float) scale[r];
      }
      Parallel.forEach(tasks, (t, worker) -> {
        int start = t * CHUNK;
        int len = Math.min(CHUNK, length - start);
        Scratch scratch = Scratch.get();
        float[] a = scratch.floats(0, len);
        float[] c = scratch.floats(1, len);
        xb.get(start, a, 0, len);
        // Runs of one row within the chunk.
        for (int i = 0; i < len; ) {
          int row = (start + i) / rowLength;
          int end = Math.min(len, (row + 1) * rowLength - start);
          quantizeRun(a, c, i, end, l[row], h[row], s[row], mask, t, start);
          i = end;
        }
        ob.put(start, c, 0, len);
      });
    } else {
      DoubleBuffer xb = Memory.doubles(x);
      DoubleBuffer ob = Memory.doubles(out);
      Parallel.forEach(tasks, (t, worker) -> {
        int start = t * CHUNK;
        int len = Math.min(CHUNK, length - start);
        Scratch scratch = Scratch.get();
        double[] a = scratch.doubles(0, len);
        double[] c = scratch.doubles(1, len);
        xb.get(start, a, 0, len);
        for (int i = 0; i < len; ) {
          int row = (start + i) / rowLength;
          int end = Math.min(len, (row + 1) * rowLength - start);
          quantizeRun(a, c, i, end, lo[row], hi[row], scale[row], mask, t, start);
          i = end;
        }
        ob.put(start, c, 0, len);
      });
    }
    Reference.reachabilityFence(x);
    return out;
  }

  /**
   * Fake-quantizes {@code a[from .. to)} into {@code c[from .. to)} with one range, leaving {@code
   * a} as it was, and adds the positions outside the range to chunk {@code chunk}'s list (its
   * first run, {@code from == 0}, starts the list).
   */
  private static void quantizeRun(float[] a, float[] c, int from, int to, float lo, float hi,
      float scale, Outside mask, int chunk, int chunkStart) {
    // Separate simple loops, which the compiler turns into vector code where it can; one loop
    // doing everything stays scalar, at twice the time.
    for (int j = from; j < to; j++) {
      c[j] = Math.min(Math.max(a[j], lo), hi);
    }
    if (mask != null) {
      // A value lies outside its range exactly where clamping changed it, NaN included (it
      // stays NaN through Math.max and Math.min, and becomes lo here).
      int base = chunk * CHUNK;
      int k = from == 0 ? 0 : mask.count[chunk];
      for (int j = from; j < to; j++) {
        if (c[j] != a[j]) {
          mask.index[base + k++] = chunkStart + j;
          if (c[j] != c[j]) {
            c[j] = lo;
          }
        }
      }
      mask.count[chunk] = k;
    } else {
      for (int j = from; j < to; j++) {
        if (c[j] != c[j]) {
          c[j] = lo;
        }
      }
    }
    for (int j = from; j < to; j++) {
      c[j] = floorOfPositive((c[j] - lo) / scale + 0.5f) * scale + lo;
    }
  }

  /** {@link #quantizeRun(float[], float[], int, int, float, float, float, Outside, int, int)}. */
  private static void quantizeRun(double[] a, double[] c, int from, int to, double lo, double hi,
      double scale, Outside mask, int chunk, int chunkStart) {
    for (int j = from; j < to; j++) {
      c[j] = Math.min(Math.max(a[j], lo), hi);
    }
    if (mask != null) {
      // A value lies outside its range exactly where clamping changed it, NaN included (it
      // stays NaN through Math.max and Math.min, and becomes lo here).
      int base = chunk * CHUNK;
      int k = from == 0 ? 0 : mask.count[chunk];
      for (int j = from; j < to; j++) {
        if (c[j] != a[j]) {
          mask.index[base + k++] = chunkStart + j;
          if (c[j] != c[j]) {
            c[j] = lo;
          }
        }
      }
      mask.count[chunk] = k;
    } else {
      for (int j = from; j < to; j++) {
        if (c[j] != c[j]) {
          c[j] = lo;
        }
      }
    }
    for (int j = from; j < to; j++) {
      c[j] = floorOfPositive((c[j] - lo) / scale + 0.5) * scale + lo;
    }
  }

  /**
   * {@code floor(y)} for {@code 0 <= y < 2^23} in vectorizable arithmetic ({@code Math.floor}
   * of a float goes through double and stays scalar): adding and subtracting {@code 2^23} rounds
   * to the nearest integer {@code r}, and one is taken off when that rounded up, which {@code r −
   * y > 0} tells; that difference is at least one ulp of {@code y}, at least {@code 2^-24}, so
   * times {@code 2^30} it clamps to exactly 1.
   */
  static float floorOfPositive(float y) {
    float r = (y + 0x1p23f) - 0x1p23f;
    return r - Math.min(1f, Math.max(0f, (r - y) * 0x1p30f));
  }

  /** {@code floor(y)} for {@code 0 <= y < 2^52}, as {@link #floorOfPositive(float)}. */
  static double floorOfPositive(double y) {
    double r = (y + 0x1p52) - 0x1p52;
    return r - Math.min(1d, Math.max(0d, (r - y) * 0x1p60));
  }

  /**
   * {@code g · mask}, the mask read as 0 or 1 in {@code g}'s type: {@code g} itself inside the
   * range, {@code g · 0} outside.
   */
  static INDArray applyMask(INDArray g, Outside mask) {
    int length = Math.toIntExact(g.length());
    INDArray out = ArrayPool.createUninitialized(g.dataType(), g.shape());
    int tasks = Parallel.chunks(length, CHUNK);
    if (g.dataType() == DataType.FLOAT) {
      FloatBuffer gb = Memory.floats(g);
      FloatBuffer ob = Memory.floats(out);
      Parallel.forEach(tasks, (t, worker) -> {
        int start = t * CHUNK;
        int len = Math.min(CHUNK, length - start);
        float[] a = Scratch.get().floats(0, len);
        gb.get(start, a, 0, len);
        for (int k = 0; k < mask.count[t]; k++) {
          int j = mask.index[start + k] - start;
          a[j] = a[j] * 0f;
        }
        ob.put(start, a, 0, len);
      });
    } else {
      DoubleBuffer gb = Memory.doubles(g);
      DoubleBuffer ob = Memory.doubles(out);
      Parallel.forEach(tasks, (t, worker) -> {
        int start = t * CHUNK;
        int len = Math.min(CHUNK, length - start);
        double[] a = Scratch.get().doubles(0, len);
        gb.get(start, a, 0, len);
        for (int k = 0; k < mask.count[t]; k++) {
          int j = mask.index[start + k] - start;
          a[j] = a[j] * 0d;
        }
        ob.put(start, a, 0, len);
      });
    }
    Reference.reachabilityFence(g);
    return out;
  }

  /**
   * Per row, the smallest and largest value of {@code x} as {@code Math.min} and {@code Math.max}
   * give them: NaN if the row holds one.
   *
   * @return {@code {min, max}}, one entry per row
   */
  static double[][] range(INDArray x, int rows) {
    int length = Math.toIntExact(x.length());
    int rowLength = length / rows;
    // Chunks never straddle rows, so each task reduces within one row.
    int chunk = Math.min(CHUNK, rowLength);
    int perRow = (rowLength + chunk - 1) / chunk;
    int tasks = rows * perRow;
    double[] mins = new double[tasks];
    double[] maxs = new double[tasks];
    if (x.dataType() == DataType.FLOAT) {
      FloatBuffer xb = Memory.floats(x);
      Parallel.forEach(tasks, (t, worker) -> {
        int row = t / perRow;
        int start = row * rowLength + (t % perRow) * chunk;
        int len = Math.min(chunk, (row + 1) * rowLength - start);
        float[] a = Scratch.get().floats(0, len);
        xb.get(start, a, 0, len);
        float mn = a[0];
        float mx = a[0];
        for (int j = 1; j < len; j++) {
          mn = Math.min(mn, a[j]);
          mx = Math.max(mx, a[j]);
        }
        mins[t] = mn;
        maxs[t] = mx;
      });
    } else {
      DoubleBuffer xb = Memory.doubles(x);
      Parallel.forEach(tasks, (t, worker) -> {
        int row = t / perRow;
        int start = row * rowLength + (t % perRow) * chunk;
        int len = Math.min(chunk, (row + 1) * rowLength - start);
        double[] a = Scratch.get().doubles(0, len);
        xb.get(start, a, 0, len);
        double mn = a[0];
        double mx = a[0];
        for (int j = 1; j < len; j++) {
          mn = Math.min(mn, a[j]);
          mx = Math.max(mx, a[j]);
        }
        mins[t] = mn;
        maxs[t] = mx;
      });
    }
    Reference.reachabilityFence(x);
    double[] min = new double[rows];
    double[] max = new double[rows];
    for (int r = 0; r < rows; r++) {
      double mn = mins[r * perRow];
      double mx = maxs[r * perRow];
      for (int k = 1; k < perRow; k++) {
        mn = Math.min(mn, mins[r * perRow + k]);
        mx = Math.max(mx, maxs[r * perRow + k]);
      }
      min[r] = mn;
      max[r] = mx;
    }
    return new double[][] {min, max};
  }
}
