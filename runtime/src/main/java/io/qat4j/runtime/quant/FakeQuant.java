package io.qat4j.runtime.quant;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Fake quantization of float tensors: quantize to the integer grid of a {@link NudgedRange} and
 * dequantize at once, so training sees the rounding and clamping of int8 inference.
 *
 * <p>Forward, as TensorFlow's {@code FakeQuantWithMinMaxVars}: clamp to {@code [nudgedMin,
 * nudgedMax]}, then {@code floor((clamped − nudgedMin) / scale + 0.5) × scale + nudgedMin}. The
 * straight-through gradient mask is 1 where {@code nudgedMin <= x <= nudgedMax} and 0 elsewhere.
 *
 * <p>Inputs may be of any floating-point type; results have the same type and shape, and inputs are
 * never modified. The range constants are rounded to that type first, so clamp, mask and grid agree
 * in it. Per-axis functions use one range per index of axis 0 ({@code [O, I, kh, kw]} convolution
 * or {@code [units, in]} dense weights). NaN inputs have no defined result (the range trackers
 * reject them during training).
 */
public final class FakeQuant {
  private FakeQuant() {}

  /** {@code x} fake-quantized to one range. */
  public static INDArray perTensor(INDArray x, NudgedRange range) {
    return withMask(x, range).values();
  }

  /** {@code x} fake-quantized with {@code ranges.get(i)} for {@code x[i, ...]}. */
  public static INDArray perAxis(INDArray x, List<NudgedRange> ranges) {
    return withMaskPerAxis(x, ranges).values();
  }

  /** The straight-through gradient mask of {@code x} for one range: 1 inside (inclusive), else 0. */
  public static INDArray mask(INDArray x, NudgedRange range) {
    return withMask(x, range).mask().castTo(x.dataType());
  }

  /** The straight-through gradient mask of {@code x} with one range per index of axis 0. */
  public static INDArray maskPerAxis(INDArray x, List<NudgedRange> ranges) {
    return withMaskPerAxis(x, ranges).mask().castTo(x.dataType());
  }

  /** Fake quantization and mask of {@code x} for one range, sharing the clamp. */
  static Quantized withMask(INDArray x, NudgedRange range) {
    checkFloat(x);
    if (FakeQuantKernels.accepts(x)) {
      FakeQuantKernels.Outside mask = new FakeQuantKernels.Outside();
      INDArray values = FakeQuantKernels.quantize(x, new double[] {range.nudgedMin()},
          new double[] {range.nudgedMax()}, new double[] {range.scale()}, mask);
      return new Quantized(values, maskArray(mask.toBytes(), x.shape()));
    }
    double min = range.nudgedMin();
    double scale = range.scale();
    INDArray out = Transforms.min(Transforms.max(x, min, true), range.nudgedMax(), false);
    INDArray mask = out.eq(x);
    out.subi(min).divi(scale).addi(0.5);
    Transforms.floor(out, false).muli(scale).addi(min);
    return new Quantized(out, mask);
  }

  /** Fake quantization and mask of {@code x} with one range per index of axis 0. */
  static Quantized withMaskPerAxis(INDArray x, List<NudgedRange> ranges) {
    checkFloat(x);
    if (x.rank() < 1 || x.size(0) != ranges.size()) {
      throw new IllegalArgumentException(
          "per-axis fake quantization needs one range per index of axis 0: shape "
              + Arrays.toString(x.shape())
              + ", "
              + ranges.size()
              + " ranges");
    }
    DataType type = x.dataType();
    int n = ranges.size();
    double[] mins = new double[n];
    double[] maxs = new double[n];
    double[] scales = new double[n];
    for (int i = 0; i < n; i++) {
      NudgedRange r = ranges.get(i);
      mins[i] = r.nudgedMin();
      maxs[i] = r.nudgedMax();
      scales[i] = r.scale();
    }
    if (FakeQuantKernels.accepts(x)) {
      FakeQuantKernels.Outside mask = new FakeQuantKernels.Outside();
      INDArray values = FakeQuantKernels.quantize(x, mins, maxs, scales, mask);
      return new Quantized(values, maskArray(mask.toBytes(), x.shape()));
    }
    INDArray min = Nd4j.createFromArray(mins).castTo(type);
    INDArray max = Nd4j.createFromArray(maxs).castTo(type);
    INDArray scale = Nd4j.createFromArray(scales).castTo(type);

    // A rank-1 tensor has nothing to broadcast over; view it as one column of [C, 1].
    INDArray in = x.rank() == 1 ? x.reshape(n, 1) : x;
    INDArray out = in.dup('c');
    Broadcast.max(out, min, out, 0);
    Broadcast.min(out, max, out, 0);
    INDArray mask = out.eq(in);
    Broadcast.sub(out, min, out, 0);
    Broadcast.div(out, scale, out, 0);
    Transforms.floor(out.addi(0.5), false);
    Broadcast.mul(out, scale, out, 0);
    Broadcast.add(out, min, out, 0);
    if (x.rank() == 1) {
      return new Quantized(out.reshape(n), mask.reshape(n));
    }
    return new Quantized(out, mask);
  }

  /** A boolean array of {@code shape} from 0/1 bytes. */
  static INDArray maskArray(byte[] mask, long[] shape) {
    boolean[] b = new boolean[mask.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = mask[i] != 0;
    }
    return Nd4j.createFromArray(b).reshape('c', shape);
  }

  private static void checkFloat(INDArray x) {
    if (!x.dataType().isFPType()) {
      throw new IllegalArgumentException(
          "fake quantization needs a floating-point tensor, got " + x.dataType());
    }
  }
}
