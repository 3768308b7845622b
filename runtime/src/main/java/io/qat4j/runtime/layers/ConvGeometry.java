package io.qat4j.runtime.layers;

import io.qat4j.annotation.Padding;
import io.qat4j.model.AvgPoolSpec;
import io.qat4j.model.Conv2DSpec;
import io.qat4j.model.DepthwiseConv2DSpec;
import io.qat4j.model.MaxPoolSpec;
import java.util.Objects;

/**
 * The sliding-window geometry of a convolution or pool over {@code [N, C, H, W]} input, with
 * TensorFlow's padding: {@link Padding#SAME} gives {@code ceil(in / stride)} outputs and pads with
 * the odd pixel on the bottom/right; {@link Padding#VALID} does not pad.
 *
 * @param kernelH window height (before dilation)
 * @param kernelW window width (before dilation)
 * @param strideH step between windows along the height
 * @param strideW step between windows along the width
 * @param dilationH spacing between the taps of the window along the height (1 = dense)
 * @param dilationW spacing between the taps of the window along the width (1 = dense)
 * @param padding border handling
 */
public record ConvGeometry(
    int kernelH,
    int kernelW,
    int strideH,
    int strideW,
    int dilationH,
    int dilationW,
    Padding padding) {

  /** Checks that every size is positive. */
  public ConvGeometry {
    Objects.requireNonNull(padding, "padding");
    if (kernelH <= 0 || kernelW <= 0 || strideH <= 0 || strideW <= 0 || dilationH <= 0
        || dilationW <= 0) {
      throw new IllegalArgumentException("window sizes must be positive: " + kernelH + "x"
          + kernelW + ", strides " + strideH + "x" + strideW + ", dilation " + dilationH + "x"
          + dilationW);
    }
  }

  /** The geometry of a Conv2D layer. */
  public static ConvGeometry of(Conv2DSpec spec) {
    return new ConvGeometry(spec.kernelH(), spec.kernelW(), spec.strideH(), spec.strideW(),
        spec.dilationH(), spec.dilationW(), spec.padding());
  }

  /** The geometry of a DepthwiseConv2D layer. */
  public static ConvGeometry of(DepthwiseConv2DSpec spec) {
    return new ConvGeometry(spec.kernelH(), spec.kernelW(), spec.strideH(), spec.strideW(),
        spec.dilationH(), spec.dilationW(), spec.padding());
  }

  /** The geometry of a MaxPool layer. */
  public static ConvGeometry of(MaxPoolSpec spec) {
    return new ConvGeometry(spec.sizeH(), spec.sizeW(), spec.strideH(), spec.strideW(), 1, 1,
        spec.padding());
  }

  /** The geometry of an AvgPool layer. */
  public static ConvGeometry of(AvgPoolSpec spec) {
    return new ConvGeometry(spec.sizeH(), spec.sizeW(), spec.strideH(), spec.strideW(), 1, 1,
        spec.padding());
  }

  /** Output height for an input of height {@code inH}. */
  public long outputHeight(long inH) {
    return outputSize(inH, kernelH, strideH, dilationH);
  }

  /** Output width for an input of width {@code inW}. */
  public long outputWidth(long inW) {
    return outputSize(inW, kernelW, strideW, dilationW);
  }

  /**
   * Zero rows added above the input: half of SAME's total padding, rounded down (the odd row goes
   * below, as in TensorFlow); 0 under VALID.
   */
  public long padTop(long inH) {
    return padBefore(inH, outputHeight(inH), kernelH, strideH, dilationH);
  }

  /** Zero columns added left of the input, as {@link #padTop} does for rows. */
  public long padLeft(long inW) {
    return padBefore(inW, outputWidth(inW), kernelW, strideW, dilationW);
  }

  private long padBefore(long in, long out, int kernel, int stride, int dilation) {
    if (padding == Padding.VALID) {
      return 0;
    }
    long extent = (long) (kernel - 1) * dilation + 1;
    return Math.max(0, (out - 1) * stride + extent - in) / 2;
  }

  private long outputSize(long in, int kernel, int stride, int dilation) {
    long extent = (long) (kernel - 1) * dilation + 1;
    long out = padding == Padding.SAME
        ? Math.floorDiv(in + stride - 1, stride)
        : Math.floorDiv(in - extent + stride, stride);
    if (out <= 0) {
      throw new IllegalArgumentException("a window of extent " + extent + " does not fit an input"
          + " of size " + in + " under VALID padding");
    }
    return out;
  }

  /**
   * libnd4j's integer arguments for conv2d and depthwise_conv2d (and their backward ops) over NCHW
   * data: kernel, strides, explicit padding (zero, because libnd4j derives TensorFlow's SAME
   * padding itself), dilation, SAME flag, NHWC flag (0) and the weight layout code.
   */
  int[] convArgs(int weightsFormat) {
    return new int[] {
      kernelH, kernelW, strideH, strideW, 0, 0, dilationH, dilationW, sameFlag(), 0, weightsFormat
    };
  }

  /**
   * libnd4j's integer arguments for maxpool2d and avgpool2d (and their backward ops) over NCHW
   * data; for avgpool2d, {@code extra} 0 divides by the number of real (unpadded) values in the
   * window, as TensorFlow does. (The pools now run in Java; tests compare them with libnd4j's.)
   */
  int[] poolArgs(int extra) {
    return new int[] {
      kernelH, kernelW, strideH, strideW, 0, 0, dilationH, dilationW, sameFlag(), extra, 0
    };
  }

  private int sameFlag() {
    return padding == Padding.SAME ? 1 : 0;
  }
}
