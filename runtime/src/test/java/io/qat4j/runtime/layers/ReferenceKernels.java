package io.qat4j.runtime.layers;

import io.qat4j.annotation.Padding;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Plain loops over TensorFlow's definitions, the yardstick for the libnd4j-backed kernels:
 * SAME pads {@code total = max(0, (out − 1)·stride + extent − in)} with {@code total / 2} on the
 * top/left and the rest on the bottom/right.
 */
final class ReferenceKernels {
  private ReferenceKernels() {}

  static INDArray conv2d(INDArray x, INDArray w, INDArray bias, ConvGeometry g) {
    return conv(x, w, bias, g, false);
  }

  static INDArray depthwise(INDArray x, INDArray w, INDArray bias, ConvGeometry g) {
    return conv(x, w, bias, g, true);
  }

  /** Max (or average of the real values) over each window; padding never takes part. */
  static INDArray pool(INDArray x, ConvGeometry g, boolean max) {
    long n = x.size(0);
    long c = x.size(1);
    long oh = g.outputHeight(x.size(2));
    long ow = g.outputWidth(x.size(3));
    long top = padBefore(x.size(2), oh, g.kernelH(), g.strideH(), 1, g.padding());
    long left = padBefore(x.size(3), ow, g.kernelW(), g.strideW(), 1, g.padding());
    INDArray out = Nd4j.create(x.dataType(), n, c, oh, ow);
    for (long b = 0; b < n; b++) {
      for (long ch = 0; ch < c; ch++) {
        for (long i = 0; i < oh; i++) {
          for (long j = 0; j < ow; j++) {
            double acc = max ? Double.NEGATIVE_INFINITY : 0;
            int count = 0;
            for (long ky = 0; ky < g.kernelH(); ky++) {
              for (long kx = 0; kx < g.kernelW(); kx++) {
                long y = i * g.strideH() + ky - top;
                long xx = j * g.strideW() + kx - left;
                if (y < 0 || y >= x.size(2) || xx < 0 || xx >= x.size(3)) {
                  continue;
                }
                double v = x.getDouble(b, ch, y, xx);
                acc = max ? Math.max(acc, v) : acc + v;
                count++;
              }
            }
            out.putScalar(new long[] {b, ch, i, j}, max ? acc : acc / count);
          }
        }
      }
    }
    return out;
  }

  private static INDArray conv(
      INDArray x, INDArray w, INDArray bias, ConvGeometry g, boolean depthwise) {
    long n = x.size(0);
    long c = x.size(1);
    long f = w.size(0);
    long multiplier = f / c;
    long oh = g.outputHeight(x.size(2));
    long ow = g.outputWidth(x.size(3));
    long top = padBefore(x.size(2), oh, g.kernelH(), g.strideH(), g.dilationH(), g.padding());
    long left = padBefore(x.size(3), ow, g.kernelW(), g.strideW(), g.dilationW(), g.padding());
    INDArray out = Nd4j.create(x.dataType(), n, f, oh, ow);
    for (long b = 0; b < n; b++) {
      for (long o = 0; o < f; o++) {
        for (long i = 0; i < oh; i++) {
          for (long j = 0; j < ow; j++) {
            double acc = bias == null ? 0 : bias.getDouble(o);
            long firstChannel = depthwise ? o / multiplier : 0;
            long channels = depthwise ? 1 : c;
            for (long k = 0; k < channels; k++) {
              for (long ky = 0; ky < g.kernelH(); ky++) {
                for (long kx = 0; kx < g.kernelW(); kx++) {
                  long y = i * g.strideH() + ky * g.dilationH() - top;
                  long xx = j * g.strideW() + kx * g.dilationW() - left;
                  if (y < 0 || y >= x.size(2) || xx < 0 || xx >= x.size(3)) {
                    continue;
                  }
                  acc += x.getDouble(b, firstChannel + k, y, xx) * w.getDouble(o, k, ky, kx);
                }
              }
            }
            out.putScalar(new long[] {b, o, i, j}, acc);
          }
        }
      }
    }
    return out;
  }

  private static long padBefore(
      long in, long out, int kernel, int stride, int dilation, Padding padding) {
    if (padding == Padding.VALID) {
      return 0;
    }
    long extent = (long) (kernel - 1) * dilation + 1;
    return Math.max(0, (out - 1) * stride + extent - in) / 2;
  }
}
