package io.qat4j.runtime.qat;

import io.qat4j.runtime.cpu.ArrayPool;
import io.qat4j.runtime.cpu.Vectors;
import io.qat4j.runtime.layers.FoldedBatchNormKernels;
import io.qat4j.runtime.layers.KernelGradients;
import io.qat4j.runtime.layers.LayerOp;
import io.qat4j.runtime.layers.Param;
import io.qat4j.runtime.layers.TensorTransform;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A Conv2D, DepthwiseConv2D or Dense with the BatchNorm after it folded in during training, as
 * PyTorch's fused Conv+BN modules do: the weight is scaled by {@code s = γ / sqrt(runningVar + ε)}
 * and fake-quantized as the int8 model will hold it, the layer runs with that weight, the scale is
 * divided back out, and the BatchNorm normalizes with batch statistics while those are live. Once
 * the statistics are frozen the output is exactly the folded inference layer: {@code conv(x,
 * fq(W·s)) + β − s·μ + s·b}.
 *
 * <p>The running variance is a constant for the gradient (no gradient flows into it); {@code γ}
 * gets gradient both through the normalization and through the scale of the weight.
 */
final class FoldedBatchNormOp implements LayerOp {
  private final LinearKernel kernel;
  private final Param weight;
  private final Param bias;
  private final Param gamma;
  private final Param beta;
  private final Param runningMean;
  private final Param runningVar;
  private final double epsilon;
  private final double momentum;
  private final TensorTransform weightQuantizer;
  private boolean statisticsFrozen;
  private boolean updateStatistics = true;

  // What backward needs from the last forward: per-channel values, and the layer's input and its
  // output (raw) with the weight scaled by s and fake-quantized.
  private INDArray input;
  private INDArray raw;
  private double[] scale;
  private double[] runningStd;
  private double[] mean;
  private double[] invStd;
  private double[] biasValues;
  private INDArray quantizedWeight;
  private boolean batchStatistics;

  FoldedBatchNormOp(
      LinearKernel kernel,
      Param weight,
      Param bias,
      List<Param> batchNormParams,
      List<Param> batchNormState,
      double epsilon,
      double momentum,
      TensorTransform weightQuantizer) {
    this.kernel = kernel;
    this.weight = weight;
    this.bias = bias;
    this.gamma = batchNormParams.get(0);
    this.beta = batchNormParams.get(1);
    this.runningMean = batchNormState.get(0);
    this.runningVar = batchNormState.get(1);
    this.epsilon = epsilon;
    this.momentum = momentum;
    this.weightQuantizer = weightQuantizer;
  }

  /** From now on normalize with the running statistics and stop updating them. */
  void freezeStatistics() {
    statisticsFrozen = true;
  }

  /** Whether the statistics are frozen. */
  boolean statisticsFrozen() {
    return statisticsFrozen;
  }

  /** For gradient checks: run with batch statistics but leave the running ones untouched. */
  void updateStatistics(boolean update) {
    this.updateStatistics = update;
  }

  @Override
  public INDArray forward(List<INDArray> inputs, boolean training) {
    INDArray x = inputs.get(0);
    recycleRaw();
    input = x;
    double[] runningVariance = Vectors.read(runningVar.value());
    double[] gammaValues = Vectors.read(gamma.value());
    int channels = gammaValues.length;
    DataType type = gamma.value().dataType();
    // runningStd = sqrt(runningVar + ε), s = γ / runningStd, rounded to the parameters' type as
    // the array ops computed them.
    runningStd = new double[channels];
    scale = new double[channels];
    for (int c = 0; c < channels; c++) {
      runningStd[c] = round(type, Math.sqrt(round(type, runningVariance[c] + epsilon)));
      scale[c] = round(type, gammaValues[c] / runningStd[c]);
    }
    INDArray scaleArray = Nd4j.createFromArray(scale).castTo(weight.value().dataType());
    INDArray scaledWeight = weight.value().mul(weightView(scaleArray));
    if (weightQuantizer.returnsNewArrays()) {
      ArrayPool.recycle(quantizedWeight, weight.value(), x);
    }
    quantizedWeight = weightQuantizer.forward(scaledWeight, training);
    if (weightQuantizer.returnsNewArrays() && quantizedWeight != scaledWeight) {
      ArrayPool.recycle(scaledWeight, weight.value(), x, quantizedWeight);
    }
    raw = kernel.forward(x, quantizedWeight);
    batchStatistics = training && !statisticsFrozen;
    double[] m;
    double[] v;
    if (batchStatistics) {
      m = new double[channels];
      v = new double[channels];
    } else {
      m = Vectors.read(runningMean.value());
      v = runningVariance;
    }
    invStd = new double[channels];
    biasValues = bias == null ? null : Vectors.read(bias.value());
    INDArray out =
        FoldedBatchNormKernels.forward(raw, scale, biasValues, batchStatistics, m, v, epsilon,
            gammaValues, Vectors.read(beta.value()), invStd);
    if (batchStatistics && updateStatistics) {
      updateRunning(runningMean.value(), m);
      updateRunning(runningVar.value(), v);
    }
    mean = m;
    return out;
  }

  private void updateRunning(INDArray running, double[] batch) {
    double[] r = Vectors.read(running);
    for (int i = 0; i < r.length; i++) {
      r[i] = momentum * r[i] + (1 - momentum) * batch[i];
    }
    Vectors.write(running, r);
  }

  /** Hands the last forward's raw layer output, which only this op held, back to the pool. */
  private void recycleRaw() {
    ArrayPool.recycle(raw, input);
    raw = null;
  }

  private static double round(DataType type, double value) {
    return type == DataType.DOUBLE ? value : (float) value;
  }

  @Override
  public List<INDArray> backward(INDArray outputGradient) {
    if (input == null) {
      throw new IllegalStateException("folded BatchNorm backward called before forward");
    }
    int channels = scale.length;
    double[] gradBeta = new double[channels];
    double[] gradGammaDirect = new double[channels];
    double[] gradBias = new double[channels];
    double[] gradScaleTimesU = new double[channels];
    double[] gammaValues = Vectors.read(gamma.value());
    INDArray gradRaw =
        FoldedBatchNormKernels.backward(raw, outputGradient, scale, biasValues, batchStatistics,
            mean, invStd, gammaValues, gradBeta, gradGammaDirect, gradBias, gradScaleTimesU);
    if (bias != null) {
      Vectors.addTo(bias.gradient(), gradBias);
    }
    KernelGradients k = kernel.backward(input, quantizedWeight, gradRaw);
    ArrayPool.recycle(gradRaw, k.input());
    INDArray gradScaledWeight = weightQuantizer.backward(k.weight());
    INDArray scaleArray = Nd4j.createFromArray(scale).castTo(weight.value().dataType());
    INDArray gradWeight = gradScaledWeight.mul(weightView(scaleArray));
    weight.gradient().addi(gradWeight);
    INDArray product = gradScaledWeight.mul(weight.value());
    double[] gradScaleFromWeight = Vectors.read(product.sum(weightAxes()));
    ArrayPool.recycle(gradWeight);
    ArrayPool.recycle(product);
    if (weightQuantizer.returnsNewArrays()) {
      ArrayPool.recycle(gradScaledWeight, weight.value(), weight.gradient(), k.input());
      if (gradScaledWeight != k.weight()) {
        ArrayPool.recycle(k.weight(), weight.value(), weight.gradient(), k.input());
      }
    }
    // unscaled = raw / s gives s the gradient −Σ(g_v · u) / s; s = γ / runningStd, runningStd a
    // constant.
    DataType type = gamma.value().dataType();
    double[] gradGamma = new double[channels];
    for (int c = 0; c < channels; c++) {
      double fromOutput = -round(type, round(type, gradScaleTimesU[c]) / scale[c]);
      double throughScale = round(type, round(type, fromOutput + gradScaleFromWeight[c]) / runningStd[c]);
      gradGamma[c] = round(type, round(type, gradGammaDirect[c]) + throughScale);
    }
    Vectors.addTo(gamma.gradient(), gradGamma);
    Vectors.addTo(beta.gradient(), gradBeta);
    return List.of(k.input());
  }

  @Override
  public List<Param> params() {
    List<Param> out = new ArrayList<>(2);
    out.add(weight);
    if (bias != null) {
      out.add(bias);
    }
    return List.copyOf(out);
  }

  private INDArray weightView(INDArray perChannel) {
    long[] shape = new long[weight.value().rank()];
    java.util.Arrays.fill(shape, 1);
    shape[0] = perChannel.length();
    return perChannel.reshape(shape);
  }

  private int[] weightAxes() {
    int[] axes = new int[weight.value().rank() - 1];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i + 1;
    }
    return axes;
  }

  /** Returns new arrays (or the ones it was given) and keeps none past the next forward. */
  @Override
  public boolean releasesArrays() {
    return true;
  }
}
