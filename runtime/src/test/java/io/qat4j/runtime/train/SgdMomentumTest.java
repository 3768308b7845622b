package io.qat4j.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.runtime.graph.NamedParam;
import io.qat4j.runtime.layers.Param;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SGD with momentum in PyTorch's form, v ← μv + g, p ← p − lr·v, by hand. Double parameters; each
 * value is one or two multiply-adds from the hand result, so 1e-15 (a few ulps at 1) suffices.
 */
class SgdMomentumTest {
  private static final double TOL = 1e-15;

  private static NamedParam param(String name, double... values) {
    return new NamedParam(name, new Param("weight", Nd4j.createFromArray(values)));
  }

  @Test
  void twoStepsByHand() {
    NamedParam p = param("w", 1.0, -2.0);
    SgdMomentum sgd = new SgdMomentum(0.1, 0.9);

    p.param().gradient().assign(Nd4j.createFromArray(0.5, -0.1));
    sgd.step(List.of(p));
    // v = g = (0.5, −0.1); p = (1 − 0.05, −2 + 0.01)
    assertEquals(0.95, p.param().value().getDouble(0), TOL);
    assertEquals(-1.99, p.param().value().getDouble(1), TOL);

    p.param().gradient().assign(Nd4j.createFromArray(-0.3, 0.2));
    sgd.step(List.of(p));
    // v = 0.9·(0.5, −0.1) + (−0.3, 0.2) = (0.15, 0.11); p = (0.95 − 0.015, −1.99 − 0.011)
    assertEquals(0.935, p.param().value().getDouble(0), TOL);
    assertEquals(-2.001, p.param().value().getDouble(1), TOL);
    assertEquals(2, sgd.steps());
  }

  @Test
  void zeroMomentumIsPlainSgd() {
    NamedParam p = param("w", 1.0);
    SgdMomentum sgd = new SgdMomentum(0.5, 0);
    p.param().gradient().assign(0.2);
    sgd.step(List.of(p));
    sgd.step(List.of(p));
    assertEquals(0.8, p.param().value().getDouble(0), TOL);
  }

  @Test
  void stateHoldsTheVelocityUnderSgdNames() {
    NamedParam w = param("fc.weight", 1.0, -2.0);
    NamedParam b = param("fc.bias", 0.0);
    SgdMomentum sgd = new SgdMomentum(0.1, 0.9);
    w.param().gradient().assign(Nd4j.createFromArray(0.5, -0.1));
    sgd.step(List.of(w, b));
    List<NamedParam> state = sgd.state(List.of(w, b));
    assertEquals(List.of("sgd.velocity.fc.weight", "sgd.velocity.fc.bias"),
        state.stream().map(NamedParam::name).toList());
    assertEquals(0.5, state.get(0).param().value().getDouble(0), 0.0);
    assertEquals(-0.1, state.get(0).param().value().getDouble(1), 0.0);
  }

  @Test
  void restoredVelocityAndStepsTakeEffect() {
    NamedParam p = param("w", 0.0);
    SgdMomentum sgd = new SgdMomentum(0.1, 0.9);
    sgd.state(List.of(p)).get(0).param().value().assign(1.0);
    sgd.restoreSteps(7);
    sgd.step(List.of(p)); // gradient 0: v = 0.9, p = −0.09
    assertEquals(-0.09, p.param().value().getDouble(0), TOL);
    assertEquals(8, sgd.steps());
  }

  @ParameterizedTest(name = "lr={0} momentum={1}")
  @CsvSource({"0, 0.9", "-1, 0.9", "NaN, 0.9", "Infinity, 0.9", "0.1, 1", "0.1, -0.1",
      "0.1, NaN", "0.1, 1.5"})
  void invalidHyperParametersAreRejected(double lr, double momentum) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new SgdMomentum(lr, momentum));
    assertTrue(e.getMessage().contains("SGD"), e.getMessage());
  }

  @Test
  void specCreatesSgdWithItsSettings() {
    Optimizer o = OptimizerSpec.sgd(0.1, 0.9).create();
    assertTrue(o instanceof SgdMomentum, o.getClass().getName());
    NamedParam p = param("w", 1.0);
    p.param().gradient().assign(1.0);
    o.step(List.of(p));
    o.step(List.of(p));
    // v: 1, then 1.9; p = 1 − 0.1 − 0.19
    assertEquals(0.71, p.param().value().getDouble(0), TOL);
  }

  @Test
  void specWithInvalidMomentumFailsOnCreate() {
    assertThrows(IllegalArgumentException.class, () -> OptimizerSpec.sgd(0.1, 1).create());
  }
}
