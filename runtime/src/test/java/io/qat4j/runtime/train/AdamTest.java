package io.qat4j.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.runtime.graph.NamedParam;
import io.qat4j.runtime.layers.Param;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam against the textbook update, written out by hand: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
 * m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ), p ← p − lr·m̂/(√v̂ + ε).
 *
 * <p>Parameters are double, so the only differences are rounding between the textbook form and the
 * implementation's equivalent lr·√(1−β₂ᵗ)/(1−β₁ᵗ)·m/(√v + ε√(1−β₂ᵗ)): a handful of operations on
 * O(1) numbers, some 1e-16 each. Tolerance 1e-12 on parameters of size ~1 is generous yet any
 * mistake in bias correction shows: without it the first step would move by lr·√0.001/0.1 ≈ 0.03
 * instead of 0.1.
 */
class AdamTest {
  private static final double LR = 0.1;
  private static final double B1 = 0.9;
  private static final double B2 = 0.999;
  private static final double EPS = 1e-8;
  private static final double TOL = 1e-12;

  private static NamedParam param(String name, double... values) {
    return new NamedParam(name, new Param("weight", Nd4j.createFromArray(values)));
  }

  private static void setGradient(NamedParam p, double... g) {
    p.param().gradient().assign(Nd4j.createFromArray(g));
  }

  @Test
  void firstStepMovesEachValueByAboutTheLearningRate() {
    NamedParam p = param("w", 1.0, -2.0);
    Adam adam = new Adam(LR, B1, B2, EPS);
    setGradient(p, 0.5, -0.1);
    adam.step(List.of(p));

    // t = 1: m̂ = g and v̂ = g², so the step is lr·g/(|g| + ε).
    double[] g = {0.5, -0.1};
    double[] start = {1.0, -2.0};
    for (int i = 0; i < 2; i++) {
      double m = (1 - B1) * g[i];
      double v = (1 - B2) * g[i] * g[i];
      double mHat = m / (1 - B1);
      double vHat = v / (1 - B2);
      double expected = start[i] - LR * mHat / (Math.sqrt(vHat) + EPS);
      assertEquals(expected, p.param().value().getDouble(i), TOL, "element " + i);
    }
    assertEquals(0.900000002, p.param().value().getDouble(0), 1e-10);
    assertEquals(-1.900000010, p.param().value().getDouble(1), 1e-9);
    assertEquals(1, adam.steps());
  }

  @Test
  void secondStepUsesBiasCorrectionOfStepTwo() {
    NamedParam p = param("w", 1.0, -2.0);
    Adam adam = new Adam(LR, B1, B2, EPS);
    double[] g1 = {0.5, -0.1};
    double[] g2 = {-0.3, 0.2};
    setGradient(p, g1);
    adam.step(List.of(p));
    setGradient(p, g2);
    adam.step(List.of(p));

    double[] start = {1.0, -2.0};
    for (int i = 0; i < 2; i++) {
      double m1 = (1 - B1) * g1[i];
      double v1 = (1 - B2) * g1[i] * g1[i];
      double p1 = start[i] - LR * (m1 / (1 - B1)) / (Math.sqrt(v1 / (1 - B2)) + EPS);
      double m2 = B1 * m1 + (1 - B1) * g2[i];
      double v2 = B2 * v1 + (1 - B2) * g2[i] * g2[i];
      double mHat = m2 / (1 - B1 * B1); // 1 − 0.81 = 0.19
      double vHat = v2 / (1 - B2 * B2); // 1 − 0.998001 = 0.001999
      double expected = p1 - LR * mHat / (Math.sqrt(vHat) + EPS);
      assertEquals(expected, p.param().value().getDouble(i), TOL, "element " + i);
    }
    // Element 0 by the numbers: m2 = 0.045 − 0.03 = 0.015, m̂ = 0.0789474; v2 = 0.00024975 +
    // 0.00009 = 0.00033975, v̂ = 0.1699600; step 0.1 · 0.0789474 / 0.4122621 = 0.0191498.
    assertEquals(0.900000002 - 0.0191498, p.param().value().getDouble(0), 1e-6);
    assertEquals(2, adam.steps());
  }

  @Test
  void stateHoldsTheMomentsUnderAdamNames() {
    NamedParam p = param("dense.weight", 1.0, -2.0);
    Adam adam = new Adam(LR, B1, B2, EPS);
    setGradient(p, 0.5, -0.1);
    adam.step(List.of(p));
    List<NamedParam> state = adam.state(List.of(p));
    assertEquals(List.of("adam.m.dense.weight", "adam.v.dense.weight"),
        state.stream().map(NamedParam::name).toList());
    assertEquals(0.05, state.get(0).param().value().getDouble(0), 1e-15);
    assertEquals(-0.01, state.get(0).param().value().getDouble(1), 1e-15);
    assertEquals(0.00025, state.get(1).param().value().getDouble(0), 1e-15);
    assertEquals(0.00001, state.get(1).param().value().getDouble(1), 1e-15);
  }

  @Test
  void stateIsLiveSoARestoredCheckpointTakesEffect() {
    NamedParam p = param("w", 0.0);
    Adam adam = new Adam(LR, B1, B2, EPS);
    List<NamedParam> state = adam.state(List.of(p));
    assertSame(state.get(0).param(), adam.state(List.of(p)).get(0).param(), "same moment tensor");
    // Restore the moments and step count of a run three steps in, with m = 0.3, v = 0.04.
    state.get(0).param().value().assign(0.3);
    state.get(1).param().value().assign(0.04);
    adam.restoreSteps(3);
    setGradient(p, 0.0);
    adam.step(List.of(p));
    double m = B1 * 0.3;
    double v = B2 * 0.04;
    double expected = -LR * (m / (1 - Math.pow(B1, 4))) / (Math.sqrt(v / (1 - Math.pow(B2, 4))) + EPS);
    assertEquals(expected, p.param().value().getDouble(0), TOL);
    assertEquals(4, adam.steps());
  }

  @Test
  void eachParameterHasItsOwnMoments() {
    NamedParam a = param("a", 1.0);
    NamedParam b = param("b", 1.0);
    Adam adam = new Adam(LR, B1, B2, EPS);
    setGradient(a, 1.0);
    setGradient(b, 0.0);
    adam.step(List.of(a, b));
    assertEquals(0.9, a.param().value().getDouble(0), 1e-8);
    assertEquals(1.0, b.param().value().getDouble(0), 0.0, "zero gradient, zero moments: no move");
    List<NamedParam> state = adam.state(List.of(a, b));
    assertNotSame(state.get(0).param(), state.get(2).param());
    assertEquals(List.of("adam.m.a", "adam.v.a", "adam.m.b", "adam.v.b"),
        state.stream().map(NamedParam::name).toList());
  }

  @Test
  void gradientIsNotModified() {
    NamedParam p = param("w", 1.0, -2.0);
    setGradient(p, 0.5, -0.1);
    new Adam(LR).step(List.of(p));
    assertEquals(0.5, p.param().gradient().getDouble(0), 0.0);
    assertEquals(-0.1, p.param().gradient().getDouble(1), 0.0);
  }

  /** In float, as the trainer runs it: float rounding of values near 1 is 6e-8; 1e-6 is ample. */
  @Test
  void floatParametersFollowTheSameUpdate() {
    NamedParam p = new NamedParam("w", new Param("weight", Nd4j.createFromArray(1f, -2f)));
    assertEquals(DataType.FLOAT, p.param().value().dataType());
    p.param().gradient().assign(Nd4j.createFromArray(0.5f, -0.1f));
    new Adam(LR).step(List.of(p));
    assertEquals(0.9, p.param().value().getDouble(0), 1e-6);
    assertEquals(-1.9, p.param().value().getDouble(1), 1e-6);
  }

  @ParameterizedTest(name = "lr={0} beta1={1} beta2={2} epsilon={3}")
  @CsvSource({
    "0, 0.9, 0.999, 1e-8",
    "-0.1, 0.9, 0.999, 1e-8",
    "NaN, 0.9, 0.999, 1e-8",
    "Infinity, 0.9, 0.999, 1e-8",
    "0.1, 1, 0.999, 1e-8",
    "0.1, -0.1, 0.999, 1e-8",
    "0.1, NaN, 0.999, 1e-8",
    "0.1, 0.9, 1, 1e-8",
    "0.1, 0.9, -0.5, 1e-8",
    "0.1, 0.9, 0.999, 0",
    "0.1, 0.9, 0.999, -1e-8",
    "0.1, 0.9, 0.999, NaN",
    "0.1, 0.9, 0.999, Infinity",
  })
  void invalidHyperParametersAreRejected(double lr, double beta1, double beta2, double epsilon) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Adam(lr, beta1, beta2, epsilon));
    assertTrue(e.getMessage().contains("Adam"), e.getMessage());
  }

  @Test
  void boundaryHyperParametersAreAccepted() {
    // β = 0 is plain RMS-normalised SGD; valid.
    assertEquals(0, new Adam(1e-3, 0, 0, 1e-12).steps());
  }

  @Test
  void specCreatesAdamWithItsLearningRate() {
    Optimizer o = OptimizerSpec.adam(LR).create();
    assertTrue(o instanceof Adam, o.getClass().getName());
    NamedParam p = param("w", 1.0);
    setGradient(p, 2.0);
    o.step(List.of(p));
    assertEquals(1.0 - LR, p.param().value().getDouble(0), 1e-8);
  }

  @Test
  void specWithInvalidLearningRateFailsOnCreate() {
    assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.adam(-1).create());
  }
}
