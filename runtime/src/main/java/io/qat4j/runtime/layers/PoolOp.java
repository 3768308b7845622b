package io.qat4j.runtime.layers;

import io.qat4j.runtime.cpu.Memory;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * MaxPool and AvgPool over the spatial axes of {@code [N, C, H, W]} input. Under SAME padding
 * the padded positions never win a max and are not counted in an average, as in TensorFlow and
 * TFLite. The loops are {@link PoolKernels}.
 */
final class PoolOp implements LayerOp {
  /** The two pools. */
  enum Kind {
    MAX("MaxPool"),
    AVG("AvgPool");

    private final String layer;

    Kind(String layer) {
      this.layer = layer;
    }
  }

  private final Kind kind;
  private final ConvGeometry geometry;
  private PoolKernels kernels;
  /** Max pooling: where in its input plane each output of the last forward came from. */
  private int[] argmax = new int[0];
  private long[] inputShape;

  PoolOp(Kind kind, ConvGeometry geometry) {
    this.kind = kind;
    this.geometry = geometry;
  }

  @Override
  public INDArray forward(List<INDArray> inputs, boolean training) {
    INDArray x = Tensors.single(kind.layer, inputs);
    Tensors.requireRank(kind.layer, "input", x, 4);
    if (kernels == null || !kernels.fits(x.size(2), x.size(3))) {
      kernels = new PoolKernels(geometry, x.size(2), x.size(3));
    }
    boolean max = kind == Kind.MAX;
    long outputs =
        x.size(0) * x.size(1) * geometry.outputHeight(x.size(2)) * geometry.outputWidth(x.size(3));
    if (max && argmax.length < outputs) {
      argmax = new int[Math.toIntExact(outputs)];
    }
    INDArray in = Memory.isKernelType(x.dataType()) ? x : x.castTo(DataType.FLOAT);
    INDArray out = kernels.forward(in, max, max ? argmax : null);
    inputShape = x.shape();
    return out.dataType() == x.dataType() ? out : out.castTo(x.dataType());
  }

  @Override
  public List<INDArray> backward(INDArray outputGradient) {
    if (inputShape == null) {
      throw new IllegalStateException(kind.layer + " backward called before forward");
    }
    long[] expected = {inputShape[0], inputShape[1], geometry.outputHeight(inputShape[2]),
        geometry.outputWidth(inputShape[3])};
    if (!java.util.Arrays.equals(expected, outputGradient.shape())) {
      throw new IllegalArgumentException(kind.layer + " output gradient of shape "
          + java.util.Arrays.toString(outputGradient.shape()) + " but the last output was "
          + java.util.Arrays.toString(expected));
    }
    INDArray g = Memory.isKernelType(outputGradient.dataType())
        ? outputGradient
        : outputGradient.castTo(DataType.FLOAT);
    INDArray gradIn = kernels.backward(g, kind == Kind.MAX, argmax);
    return List.of(gradIn.dataType() == outputGradient.dataType()
        ? gradIn
        : gradIn.castTo(outputGradient.dataType()));
  }

  /** Returns new arrays (or the ones it was given) and keeps none past the next forward. */
  @Override
  public boolean releasesArrays() {
    return true;
  }
}
