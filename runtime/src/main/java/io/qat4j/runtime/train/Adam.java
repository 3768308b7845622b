package io.qat4j.runtime.train;

import io.qat4j.runtime.cpu.Elementwise;
import io.qat4j.runtime.graph.NamedParam;
import io.qat4j.runtime.layers.Param;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam (Kingma and Ba 2015) with bias correction, in the form {@code p −= lr·√(1−β₂ᵗ)/(1−β₁ᵗ) ·
 * m / (√v + ε·√(1−β₂ᵗ))}. Updates every tensor in place in one pass (see {@link Elementwise#adam}).
 */
public final class Adam implements Optimizer {
  private double learningRate;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final Map<String, Param[]> moments = new LinkedHashMap<>();
  private long steps;

  /** Adam with the usual betas (0.9, 0.999) and epsilon 1e-8. */
  public Adam(double learningRate) {
    this(learningRate, 0.9, 0.999, 1e-8);
  }

  /** Adam with every setting given. */
  public Adam(double learningRate, double beta1, double beta2, double epsilon) {
    if (!(learningRate > 0 && Double.isFinite(learningRate)) || !(beta1 >= 0 && beta1 < 1)
        || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0 && Double.isFinite(epsilon))) {
      throw new IllegalArgumentException(
          "Adam needs a finite positive learning rate and epsilon and betas in [0, 1), got lr="
              + learningRate + " beta1=" + beta1 + " beta2=" + beta2 + " epsilon=" + epsilon + ".");
    }
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  @Override
  public void step(List<NamedParam> params) {
    steps++;
    double correction1 = 1 - Math.pow(beta1, steps);
    double correction2 = 1 - Math.pow(beta2, steps);
    double stepSize = learningRate * Math.sqrt(correction2) / correction1;
    double epsilonHat = epsilon * Math.sqrt(correction2);
    for (NamedParam p : params) {
      Param[] mv = moments(p);
      INDArray value = p.param().value();
      INDArray g = p.param().gradient();
      INDArray m = mv[0].value();
      INDArray v = mv[1].value();
      if (!Elementwise.adam(value, g, m, v, beta1, beta2, epsilonHat, stepSize)) {
        m.muli(beta1).addi(g.mul(1 - beta1));
        v.muli(beta2).addi(g.mul(g).muli(1 - beta2));
        INDArray denominator = Transforms.sqrt(v, true).addi(epsilonHat);
        value.subi(m.div(denominator).muli(stepSize));
      }
    }
  }

  @Override
  public List<NamedParam> state(List<NamedParam> params) {
    List<NamedParam> out = new ArrayList<>();
    for (NamedParam p : params) {
      Param[] mv = moments(p);
      out.add(new NamedParam("adam.m." + p.name(), mv[0]));
      out.add(new NamedParam("adam.v." + p.name(), mv[1]));
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

  private Param[] moments(NamedParam p) {
    return moments.computeIfAbsent(
        p.name(),
        k ->
            new Param[] {
              new Param("m", p.param().value().ulike().assign(0)),
              new Param("v", p.param().value().ulike().assign(0))
            });
  }
}
