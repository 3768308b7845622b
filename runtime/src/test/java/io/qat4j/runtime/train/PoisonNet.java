package io.qat4j.runtime.train;

import io.qat4j.model.ModelDecl;
import io.qat4j.model.Shape;
import io.qat4j.runtime.data.Dataset;
import io.qat4j.runtime.graph.Network;
import io.qat4j.runtime.graph.Node;
import io.qat4j.runtime.layers.LayerOp;
import io.qat4j.runtime.layers.Param;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A linear classifier of [1, 2, 2] inputs in two nodes, {@code fc} (weight [4, 3]) then {@code
 * bias} (a bias {@code p} and a state tensor {@code seen}), that can be told to put a chosen
 * value in one place at one step: the way to make a NaN appear exactly where a test wants it.
 */
final class PoisonNet {
  static final int CLASSES = 3;

  /** Where the value goes. */
  enum Spot {
    /** The output of fc (so the loss). */
    FC_OUTPUT,
    /** The gradient of fc.weight. */
    FC_GRADIENT,
    /** The gradient of bias.p. */
    BIAS_GRADIENT,
    /** The gradient bias passes back to fc, which carries it into fc.weight's gradient. */
    BIAS_INPUT_GRADIENT,
    /** The state tensor bias.seen, in the forward pass (as running statistics would). */
    BIAS_STATE
  }

  private final Linear fc = new Linear();
  private final Bias bias = new Bias();
  private final List<Spot> spots = new ArrayList<>();
  private float value;
  private long atStep = -1;
  private long currentStep = -1;
  final Network network = new Network("poison", Shape.of(1, 2, 2), List.of(
      new Node("fc", "fc", fc, List.of(ModelDecl.INPUT)),
      new Node("bias", "bias", bias, List.of("fc"))), "bias");

  /** Tells the trainer's step to the ops. */
  final TrainingHook hook = step -> currentStep = step;

  /** Puts {@code value} at every one of {@code where} during step {@code step}. */
  PoisonNet poison(long step, float value, Spot... where) {
    this.atStep = step;
    this.value = value;
    this.spots.addAll(List.of(where));
    return this;
  }

  private boolean now(Spot spot) {
    return currentStep == atStep && spots.contains(spot);
  }

  /**
   * {@code n} examples whose class is the index of the largest of their first three values, all
   * in [0, 1).
   */
  static Dataset data(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] images = new float[n * 4];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 4; k++) {
        images[i * 4 + k] = (float) random.nextDouble();
      }
      int best = 0;
      for (int k = 1; k < CLASSES; k++) {
        best = images[i * 4 + k] > images[i * 4 + best] ? k : best;
      }
      labels[i] = best;
    }
    return Dataset.of(images, new int[] {1, 2, 2}, labels, CLASSES);
  }

  /** x·W on the flattened input. */
  private final class Linear implements LayerOp {
    private final Param weight = new Param("weight", Nd4j.createFromArray(new float[][] {
        {0.1f, -0.2f, 0.05f}, {-0.1f, 0.15f, 0.2f}, {0.3f, 0.1f, -0.25f}, {0.0f, 0.05f, 0.1f}}));
    private INDArray input;

    @Override
    public INDArray forward(List<INDArray> inputs, boolean training) {
      input = inputs.get(0).reshape(inputs.get(0).size(0), 4);
      INDArray out = input.mmul(weight.value());
      if (now(Spot.FC_OUTPUT)) {
        out.putScalar(0, 1, value);
      }
      return out;
    }

    @Override
    public List<INDArray> backward(INDArray g) {
      weight.gradient().addi(input.transpose().mmul(g));
      if (now(Spot.FC_GRADIENT)) {
        weight.gradient().putScalar(2, 1, value);
      }
      return List.of(g.mmul(weight.value().transpose()).reshape(g.size(0), 1, 2, 2));
    }

    @Override
    public List<Param> params() {
      return List.of(weight);
    }
  }

  /** x + p, counting the examples it saw in state {@code seen}. */
  private final class Bias implements LayerOp {
    private final Param p = new Param("p", Nd4j.zeros(DataType.FLOAT, 1, CLASSES));
    private final Param seen = new Param("seen", Nd4j.zeros(DataType.FLOAT, 1));

    @Override
    public INDArray forward(List<INDArray> inputs, boolean training) {
      if (training) {
        seen.value().addi(inputs.get(0).size(0));
        if (now(Spot.BIAS_STATE)) {
          seen.value().putScalar(0, value);
        }
      }
      return inputs.get(0).addRowVector(p.value());
    }

    @Override
    public List<INDArray> backward(INDArray g) {
      p.gradient().addi(g.sum(true, 0));
      if (now(Spot.BIAS_GRADIENT)) {
        p.gradient().putScalar(0, 2, value);
      }
      INDArray back = g.dup();
      if (now(Spot.BIAS_INPUT_GRADIENT)) {
        back.putScalar(0, 0, value);
      }
      return List.of(back);
    }

    @Override
    public List<Param> params() {
      return List.of(p);
    }

    @Override
    public List<Param> state() {
      return List.of(seen);
    }
  }
}
