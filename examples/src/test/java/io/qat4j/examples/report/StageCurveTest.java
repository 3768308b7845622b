package io.qat4j.examples.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StageCurveTest {
  @Test
  void copiesTheArraysItIsGiven() {
    double[] loss = {1, 2};
    double[] accuracy = {0.5};
    StageCurve curve = new StageCurve("float", loss, accuracy);
    loss[0] = 99;
    accuracy[0] = 99;
    assertArrayEquals(new double[] {1, 2}, curve.stepLoss());
    assertArrayEquals(new double[] {0.5}, curve.epochTrainAccuracy());
  }

  @Test
  void accessorsReturnCopies() {
    StageCurve curve = new StageCurve("float", new double[] {1, 2}, new double[] {0.5});
    curve.stepLoss()[0] = 99;
    curve.epochTrainAccuracy()[0] = 99;
    assertArrayEquals(new double[] {1, 2}, curve.stepLoss());
    assertArrayEquals(new double[] {0.5}, curve.epochTrainAccuracy());
  }

  @Test
  void aStageThatDidNotTrainHasNoSteps() {
    assertEquals(0, new StageCurve("QAT", new double[0], new double[0]).steps());
  }

  @Test
  void rejectsNulls() {
    assertThrows(NullPointerException.class, () -> new StageCurve(null, new double[0],
        new double[0]));
    assertThrows(NullPointerException.class, () -> new StageCurve("a", null, new double[0]));
    assertThrows(NullPointerException.class, () -> new StageCurve("a", new double[0], null));
  }

  @Test
  void equalCurvesAreEqualByContent() {
    StageCurve a = new StageCurve("float", new double[] {1, 2}, new double[] {0.5});
    StageCurve b = new StageCurve("float", new double[] {1, 2}, new double[] {0.5});
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
  }
}
