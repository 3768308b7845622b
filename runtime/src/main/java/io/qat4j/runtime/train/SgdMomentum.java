package io.qat4j.runtime.train;

import io.qat4j.runtime.cpu.Elementwise;
import io.qat4j.runtime.graph.NamedParam;
import io.qat4j.runtime.layers.Param;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Stochastic gradient descent with momentum, in PyTorch's form: v = μv + g; p -= lr·v. */
public final class SgdMomentum implements Optimizer {
  private double learningRate;
  private final double momentum;
  private final Map<String, Param> velocity = new LinkedHashMap<>();
  private long steps;

  /** SGD with this learning rate and momentum (0 for plain SGD). */
  public SgdMomentum(double learningRate, double momentum) {
    if (!(learningRate > 0 && Double.isFinite(learningRate)) || !(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException(
          "SGD needs a finite positive learning rate and a momentum in [0, 1), got " + learningRate
              + " and " + momentum + ".");
    }
    this.learningRate = learningRate;
    this.momentum = momentum;
  }

  @Override
  public void step(List<NamedParam> params) {
    for (NamedParam p : params) {
      INDArray v = velocity(p).value();
      INDArray value = p.param().value();
      INDArray g = p.param().gradient();
      if (!Elementwise.sgdMomentum(value, g, v, momentum, learningRate)) {
        v.muli(momentum).addi(g);
        value.subi(v.mul(learningRate));
      }
    }
    steps++;
  }

  @Override
  public List<NamedParam> state(List<NamedParam> params) {
    List<NamedParam> out = new ArrayList<>();
    for (NamedParam p : params) {
      out.add(new NamedParam("sgd.velocity." + p.name(), velocity(p)));
    }
    return out;
  }

  @Override
  public void learningRate(double learningRate) {
    if (!(learningRate > 0 && Double.isFinite(learningRate))) {
      throw new IllegalArgumentException("learning rate must be finite and positive, got "
          + learningRate);
    }
    this.learningRate = learningRate;
  }

  @Override
  public long steps() {
    return steps;
  }

  @Override
  public void restoreSteps(long steps) {
    this.steps = steps;
  }

  private Param velocity(NamedParam p) {
    return velocity.computeIfAbsent(p.name(), k -> new Param("velocity", p.param().value().ulike().assign(0)));
  }
}
