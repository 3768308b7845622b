package io.qat4j.runtime.cpu;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small per-channel vectors (BatchNorm parameters and statistics) read and updated in Java. */
public final class Vectors {
  private Vectors() {}

  /** The values of {@code v} as doubles, in C order. */
  public static double[] read(INDArray v) {
    return v.dup('c').data().asDouble();
  }

  /** Overwrites {@code target} with {@code values}, rounded to its type. */
  public static void write(INDArray target, double[] values) {
    if (target.dataType() == DataType.DOUBLE && Memory.isDense(target)) {
      Memory.doubles(target).put(0, values);
    } else if (target.dataType() == DataType.FLOAT && Memory.isDense(target)) {
      float[] f = new float[values.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) values[i];
      }
      Memory.floats(target).put(0, f);
    } else {
      target.assign(Nd4j.createFromArray(values).castTo(target.dataType()).reshape(target.shape()));
    }
  }

  /**
   * {@code target += values}, the addition in {@code target}'s type (each value rounded to it
   * first), as {@code target.addi(values)} would do it.
   */
  public static void addTo(INDArray target, double[] values) {
    if (target.dataType() == DataType.FLOAT && Memory.isDense(target)) {
      java.nio.FloatBuffer b = Memory.floats(target);
      for (int i = 0; i < values.length; i++) {
        b.put(i, b.get(i) + (float) values[i]);
      }
    } else if (target.dataType() == DataType.DOUBLE && Memory.isDense(target)) {
      java.nio.DoubleBuffer b = Memory.doubles(target);
      for (int i = 0; i < values.length; i++) {
        b.put(i, b.get(i) + values[i]);
      }
    } else {
      target.addi(Nd4j.createFromArray(values).castTo(target.dataType()).reshape(target.shape()));
    }
  }

  /** Rounds every value to {@code type} (float or double), in place; returns {@code values}. */
  public static double[] roundTo(DataType type, double[] values) {
    if (type != DataType.DOUBLE) {
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) values[i];
      }
    }
    return values;
  }
}
