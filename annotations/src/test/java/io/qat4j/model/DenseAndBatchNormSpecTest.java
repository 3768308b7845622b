package io.qat4j.model;

import static io.qat4j.model.ShapeAssert.assertFinding;
import static io.qat4j.model.ShapeAssert.assertOnlyFinding;
import static io.qat4j.model.ShapeAssert.assertShape;
import static io.qat4j.model.Specs.bn;
import static io.qat4j.model.Specs.dense;
import static io.qat4j.model.Specs.outputOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Activation;
import java.util.List;
import org.junit.jupiter.api.Test;

class DenseAndBatchNormSpecTest {

  // Dense

  @Test
  void denseOutputsItsUnits() {
    assertShape(Shape.of(10), outputOf(dense(10), Shape.of(128)));
  }

  @Test
  void denseOnAnImageIsDenseNeedsFlatten() {
    Finding f = assertFinding("DenseNeedsFlatten", "inputs", outputOf(dense(10), Shape.of(1, 28, 28)));
    assertTrue(f.message().contains("@Flatten"), f.message());
  }

  @Test
  void denseOnA2DTensorIsDenseNeedsFlatten() {
    assertFinding("DenseNeedsFlatten", "inputs", outputOf(dense(10), Shape.of(4, 8)));
  }

  @Test
  void zeroUnitsIsNonPositiveSize() {
    assertOnlyFinding("NonPositiveSize", "units", dense(0).checkValues());
  }

  @Test
  void denseParametersWithBias() {
    assertEquals(1_290, dense(10).parameters(List.of(Shape.of(128))));
  }

  @Test
  void denseParametersWithoutBias() {
    assertEquals(
        1_280, new DenseSpec(10, false, Activation.NONE).parameters(List.of(Shape.of(128))));
  }

  @Test
  void denseParametersOfALargeLayer() {
    // 3136 * 128 + 128
    assertEquals(401_536, dense(128).parameters(List.of(Shape.of(3136))));
  }

  @Test
  void denseMacs() {
    assertEquals(1_280, dense(10).macs(List.of(Shape.of(128)), Shape.of(10)));
  }

  // BatchNorm

  @Test
  void batchNormKeepsTheShape() {
    assertShape(Shape.of(32, 14, 14), outputOf(bn(), Shape.of(32, 14, 14)));
  }

  /** Found by the declaration fuzzer: such a model compiled, and the runtime then refused it. */
  @Test
  void batchNormOnRankTwoOrFourIsRankMismatch() {
    Finding f = assertFinding("RankMismatch", "inputs", outputOf(bn(), Shape.of(4, 5)));
    assertTrue(f.message().contains("[4, 5]"), f.message());
    assertFinding("RankMismatch", "inputs", outputOf(bn(), Shape.of(2, 2, 3, 3)));
    assertShape(Shape.of(10), outputOf(bn(), Shape.of(10)));
  }

  @Test
  void batchNormHasFourParametersPerChannel() {
    assertEquals(128, bn().parameters(List.of(Shape.of(32, 14, 14))));
  }

  @Test
  void batchNormOnFlatInputCountsItsFeatures() {
    assertEquals(40, bn().parameters(List.of(Shape.of(10))));
  }

  @Test
  void batchNormHasNoMacs() {
    assertEquals(0, bn().macs(List.of(Shape.of(32, 14, 14)), Shape.of(32, 14, 14)));
  }

  @Test
  void saneBatchNormHasNoFindings() {
    assertEquals(List.of(), bn().checkValues());
  }

  @Test
  void zeroEpsilonIsInvalidValue() {
    assertOnlyFinding("InvalidValue", "epsilon", new BatchNormSpec(0, 0.99).checkValues());
  }

  @Test
  void negativeEpsilonIsInvalidValue() {
    assertOnlyFinding("InvalidValue", "epsilon", new BatchNormSpec(-1e-3, 0.99).checkValues());
  }

  @Test
  void nanEpsilonIsInvalidValue() {
    assertOnlyFinding("InvalidValue", "epsilon", new BatchNormSpec(Double.NaN, 0.99).checkValues());
  }

  @Test
  void infiniteEpsilonIsInvalidValue() {
    assertOnlyFinding(
        "InvalidValue", "epsilon",
        new BatchNormSpec(Double.POSITIVE_INFINITY, 0.99).checkValues());
  }

  @Test
  void momentumOneIsInvalidValue() {
    assertOnlyFinding("InvalidValue", "momentum", new BatchNormSpec(1e-3, 1.0).checkValues());
  }

  @Test
  void momentumZeroIsInvalidValue() {
    assertOnlyFinding("InvalidValue", "momentum", new BatchNormSpec(1e-3, 0.0).checkValues());
  }

  @Test
  void badEpsilonAndMomentumGiveTwoFindings() {
    List<Finding> findings = new BatchNormSpec(0, 2).checkValues();
    assertEquals(2, findings.size(), findings::toString);
    assertEquals("epsilon", findings.get(0).attribute());
    assertEquals("momentum", findings.get(1).attribute());
  }
}
