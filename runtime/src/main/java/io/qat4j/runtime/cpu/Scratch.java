package io.qat4j.runtime.cpu;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Work buffers of one thread, kept across calls so that kernels do not allocate (and page-fault)
 * fresh memory every step: Java arrays, and native buffers that BLAS can read and write. Each
 * kind has a few numbered slots, so a kernel can hold several buffers at once; a buffer grows
 * when a call needs more room and keeps its contents only until the next request of its slot.
 *
 * <p>Not thread-safe: every thread has its own ({@link #get()}). A kernel must not hand a slot to
 * code that may request the same slot.
 */
public final class Scratch {
  private static final int SLOTS = 6;
  private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

  private final float[][] floats = new float[SLOTS][];
  private final double[][] doubles = new double[SLOTS][];
  private final FloatPointer[] floatPointers = new FloatPointer[SLOTS];
  private final FloatBuffer[] floatBuffers = new FloatBuffer[SLOTS];
  private final DoublePointer[] doublePointers = new DoublePointer[SLOTS];
  private final DoubleBuffer[] doubleBuffers = new DoubleBuffer[SLOTS];

  private Scratch() {}

  /** The calling thread's buffers. */
  public static Scratch get() {
    return LOCAL.get();
  }

  /** A float array of at least {@code size} elements, contents undefined. */
  public float[] floats(int slot, int size) {
    float[] a = floats[slot];
    if (a == null || a.length < size) {
      a = new float[size];
      floats[slot] = a;
    }
    return a;
  }

  /** A double array of at least {@code size} elements, contents undefined. */
  public double[] doubles(int slot, int size) {
    double[] a = doubles[slot];
    if (a == null || a.length < size) {
      a = new double[size];
      doubles[slot] = a;
    }
    return a;
  }

  /** A native float buffer of at least {@code size} elements, position 0, contents undefined. */
  public FloatPointer floatPointer(int slot, long size) {
    FloatPointer p = floatPointers[slot];
    if (p == null || p.capacity() < size) {
      if (p != null) {
        p.close();
      }
      p = new FloatPointer(Math.max(size, 1));
      floatPointers[slot] = p;
      floatBuffers[slot] = p.asBuffer();
    }
    return p;
  }

  /** The Java view of {@link #floatPointer} slot {@code slot} (request the pointer first). */
  public FloatBuffer floatBuffer(int slot) {
    return floatBuffers[slot];
  }

  /** A native double buffer of at least {@code size} elements, position 0, contents undefined. */
  public DoublePointer doublePointer(int slot, long size) {
    DoublePointer p = doublePointers[slot];
    if (p == null || p.capacity() < size) {
      if (p != null) {
        p.close();
      }
      p = new DoublePointer(Math.max(size, 1));
      doublePointers[slot] = p;
      doubleBuffers[slot] = p.asBuffer();
    }
    return p;
  }

  /** The Java view of {@link #doublePointer} slot {@code slot} (request the pointer first). */
  public DoubleBuffer doubleBuffer(int slot) {
    return doubleBuffers[slot];
  }
}
