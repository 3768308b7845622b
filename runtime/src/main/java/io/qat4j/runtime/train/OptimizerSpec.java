package io.qat4j.runtime.train;

/**
 * Which optimizer to train with; a value, so a training configuration can be compared, logged
 * and restored.
 *
 * @param kind Adam or SGD with momentum
 * @param learningRate step size
 * @param momentum SGD momentum (ignored by Adam)
 * @param epochDecay the learning rate of epoch {@code e} (from 0) is {@code learningRate ·
 *     epochDecay^e}; 1 keeps it constant
 */
public record OptimizerSpec(Kind kind, double learningRate, double momentum, double epochDecay) {
  /** Checks the kind, the learning rate, the momentum and the schedule. */
  public OptimizerSpec {
    java.util.Objects.requireNonNull(kind, "optimizer kind is null");
    if (!(learningRate > 0 && Double.isFinite(learningRate))) {
      throw new IllegalArgumentException("learning rate must be positive and finite, got "
          + learningRate);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must lie in [0, 1), got " + momentum);
    }
    if (!(epochDecay > 0 && epochDecay <= 1)) {
      throw new IllegalArgumentException("epoch decay must lie in (0, 1], got " + epochDecay);
    }
  }

  /** The optimizers qat4j has. */
  public enum Kind {
    ADAM,
    SGD
  }

  /** Adam with this learning rate. */
  public static OptimizerSpec adam(double learningRate) {
    return new OptimizerSpec(Kind.ADAM, learningRate, 0, 1);
  }

  /** SGD with momentum. */
  public static OptimizerSpec sgd(double learningRate, double momentum) {
    return new OptimizerSpec(Kind.SGD, learningRate, momentum, 1);
  }

  /** The same, with the learning rate multiplied by {@code decay} after every epoch. */
  public OptimizerSpec decayingPerEpoch(double decay) {
    return new OptimizerSpec(kind, learningRate, momentum, decay);
  }

  /** The learning rate of epoch {@code epoch}, from 0. */
  public double learningRate(int epoch) {
    return learningRate * Math.pow(epochDecay, epoch);
  }

  /** A fresh optimizer. */
  public Optimizer create() {
    return kind == Kind.ADAM ? new Adam(learningRate) : new SgdMomentum(learningRate, momentum);
  }
}
