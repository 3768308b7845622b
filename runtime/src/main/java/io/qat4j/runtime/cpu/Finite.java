package io.qat4j.runtime.cpu;

import java.lang.ref.Reference;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Whether arrays hold only finite numbers, cheaply enough to ask every training step.
 *
 * <p>{@link #all} makes one pass over the raw bits, OR-ing a word per element that has its sign
 * bit set exactly when the element's exponent bits are all ones (NaN or ±infinity). An integer
 * OR cannot overflow, unlike a float sum that would turn huge finite values into infinity, and
 * the JIT vectorizes it: about 0.1 ms for the half million values of a FashionCnn step, where
 * an ND4J {@code sumNumber} per array took 0.4 to 1.5 ms.
 */
public final class Finite {
  private static final int CHUNK = 1 << 13;
  private static final int FLOAT_EXPONENT = 0x7f80_0000;
  private static final int FLOAT_EXPONENT_ONE = 0x0080_0000;
  private static final long DOUBLE_EXPONENT = 0x7ff0_0000_0000_0000L;
  private static final long DOUBLE_EXPONENT_ONE = 0x0010_0000_0000_0000L;
  private static final ThreadLocal<int[]> INTS = ThreadLocal.withInitial(() -> new int[CHUNK]);
  private static final ThreadLocal<long[]> LONGS = ThreadLocal.withInitial(() -> new long[CHUNK]);

  private Finite() {}

  /** Whether no element of {@code x} is NaN or infinite; integer arrays always are finite. */
  public static boolean all(INDArray x) {
    if (x.isEmpty() || !x.dataType().isFPType()) {
      return true;
    }
    if (!Memory.isDense(x)) {
      // Views, half precision: rare (none in a training step), so a copy is fine.
      return all(x.castTo(DataType.DOUBLE).dup('c'));
    }
    boolean finite = x.dataType() == DataType.FLOAT ? floatsFinite(x) : doublesFinite(x);
    Reference.reachabilityFence(x);
    return finite;
  }

  /**
   * The C-order index of the first NaN or infinite element of {@code x}, or -1 if there is none.
   * Slower than {@link #all}: meant for saying where, once something was found.
   */
  public static long first(INDArray x) {
    if (x.isEmpty() || !x.dataType().isFPType()) {
      return -1;
    }
    double[] values = x.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        return i;
      }
    }
    return -1;
  }

  private static boolean floatsFinite(INDArray x) {
    IntBuffer bits = new IntPointer(Memory.floatPointer(x)).capacity(x.length())
        .limit(x.length()).asBuffer();
    int[] chunk = INTS.get();
    long length = x.length();
    int acc = 0;
    for (long start = 0; start < length; start += CHUNK) {
      int len = (int) Math.min(CHUNK, length - start);
      bits.get((int) start, chunk, 0, len);
      for (int i = 0; i < len; i++) {
        acc |= (chunk[i] & FLOAT_EXPONENT) + FLOAT_EXPONENT_ONE;
      }
      if (acc < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean doublesFinite(INDArray x) {
    LongBuffer bits = new LongPointer(Memory.doublePointer(x)).capacity(x.length())
        .limit(x.length()).asBuffer();
    long[] chunk = LONGS.get();
    long length = x.length();
    long acc = 0;
    for (long start = 0; start < length; start += CHUNK) {
      int len = (int) Math.min(CHUNK, length - start);
      bits.get((int) start, chunk, 0, len);
      for (int i = 0; i < len; i++) {
        acc |= (chunk[i] & DOUBLE_EXPONENT) + DOUBLE_EXPONENT_ONE;
      }
      if (acc < 0) {
        return false;
      }
    }
    return true;
  }
}
