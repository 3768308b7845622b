package io.qat4j.runtime.layers;

import io.qat4j.model.BatchNormSpec;
import io.qat4j.model.Shape;
import io.qat4j.runtime.cpu.Vectors;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BatchNorm over the channel axis (axis 1) of {@code [N, C, H, W]} or {@code [N, F]} input, as
 * Keras does it. Training normalizes with the batch statistics (biased variance, over N, H, W per
 * channel) and updates {@code running = momentum * running + (1 - momentum) * batch}; inference
 * normalizes with the running statistics. Params {@code gamma}, {@code beta}; state {@code
 * runningMean}, {@code runningVar}.
 *
 * <p>The running variance is fed the same biased variance that normalized the batch (Keras'
 * non-fused path; PyTorch and TensorFlow's fused kernel feed {@code n / (n − 1)} times it, a
 * difference under 0.2% once a channel has 500 values per batch).
 */
final class BatchNormOp implements LayerOp {
  private final double epsilon;
  private final double momentum;
  private final Param gamma;
  private final Param beta;
  private final Param runningMean;
  private final Param runningVar;
  // What backward needs from the last forward: its input and per-channel statistics.
  private INDArray input;
  private double[] mean;
  private double[] invStd;
  private boolean trainedLast;

  private BatchNormOp(BatchNormSpec spec, long channels, DataType dtype) {
    this.epsilon = spec.epsilon();
    this.momentum = spec.momentum();
    this.gamma = new Param("gamma", Nd4j.ones(dtype, channels));
    this.beta = new Param("beta", Nd4j.zeros(dtype, channels));
    this.runningMean = new Param("runningMean", Nd4j.zeros(dtype, channels));
    this.runningVar = new Param("runningVar", Nd4j.ones(dtype, channels));
  }

  /** A BatchNorm for one example of shape {@code [C, H, W]} or {@code [F]}. */
  static BatchNormOp create(BatchNormSpec spec, Shape input, DataType dtype) {
    if (input.rank() != 1 && input.rank() != 3) {
      throw new IllegalArgumentException("BatchNorm needs a [C, H, W] or [F] input but got "
          + input);
    }
    return new BatchNormOp(spec, input.dim(0), dtype);
  }

  @Override
  public INDArray forward(List<INDArray> inputs, boolean training) {
    INDArray x = Tensors.single("BatchNorm", inputs);
    if (x.rank() != 2 && x.rank() != 4) {
      throw new IllegalArgumentException("BatchNorm needs [N, C, H, W] or [N, F] input");
    }
    Tensors.requireSameType("BatchNorm", x, "gamma", gamma.value());
    if (x.size(1) != gamma.value().length()) {
      throw new IllegalArgumentException("BatchNorm has " + gamma.value().length()
          + " channels but got input of shape " + java.util.Arrays.toString(x.shape()));
    }
    int channels = Math.toIntExact(x.size(1));
    double[] m;
    double[] v;
    if (training) {
      m = new double[channels];
      v = new double[channels];
    } else {
      m = Vectors.read(runningMean.value());
      v = Vectors.read(runningVar.value());
    }
    double[] inv = new double[channels];
    INDArray out =
        BatchNormKernels.forward(x, training, m, v, epsilon, Vectors.read(gamma.value()),
            Vectors.read(beta.value()), inv);
    if (training) {
      // running = momentum · running + (1 − momentum) · batch, with the biased batch variance.
      updateRunning(runningMean.value(), m);
      updateRunning(runningVar.value(), v);
    }
    input = x;
    mean = m;
    invStd = inv;
    trainedLast = training;
    return out;
  }

  private void updateRunning(INDArray running, double[] batch) {
    double[] r = Vectors.read(running);
    for (int i = 0; i < r.length; i++) {
      r[i] = momentum * r[i] + (1 - momentum) * batch[i];
    }
    Vectors.write(running, r);
  }

  @Override
  public List<INDArray> backward(INDArray outputGradient) {
    if (input == null) {
      throw new IllegalStateException("BatchNorm backward called before forward");
    }
    Tensors.requireSameType("BatchNorm", input, "output gradient", outputGradient);
    if (!java.util.Arrays.equals(input.shape(), outputGradient.shape())) {
      throw new IllegalArgumentException("BatchNorm output gradient of shape "
          + java.util.Arrays.toString(outputGradient.shape()) + " for an input of shape "
          + java.util.Arrays.toString(input.shape()));
    }
    int channels = mean.length;
    double[] gradGamma = new double[channels];
    double[] gradBeta = new double[channels];
    // Under batch statistics they depend on every input: dx = γ/σ · (g − mean(g) − x̂ ·
    // mean(g · x̂)); under running statistics the layer is affine in its input.
    INDArray dx =
        BatchNormKernels.backward(input, outputGradient, trainedLast, mean, invStd,
            Vectors.read(gamma.value()), gradGamma, gradBeta);
    Vectors.addTo(gamma.gradient(), gradGamma);
    Vectors.addTo(beta.gradient(), gradBeta);
    return List.of(dx);
  }

  @Override
  public List<Param> params() {
    return List.of(gamma, beta);
  }

  @Override
  public List<Param> state() {
    return List.of(runningMean, runningVar);
  }

  /** Returns new arrays (or the ones it was given) and keeps none past the next forward. */
  @Override
  public boolean releasesArrays() {
    return true;
  }
}
