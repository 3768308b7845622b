package io.qat4j.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SoftmaxCrossEntropyTest {

  private static INDArray doubles(double[][] rows) {
    return Nd4j.createFromArray(rows);
  }

  private static INDArray floats(float[][] rows) {
    return Nd4j.createFromArray(rows);
  }

  /**
   * Row 1: logits (1, 2, 3), class 2: −log(e³ / (e + e² + e³)) = log(1 + e⁻¹ + e⁻²). Row 2: equal
   * logits, class 0: log 3. The loss is their mean. In double, the implementation's log-sum-exp
   * differs from this closed form only by rounding of a few operations on O(1) numbers, so 1e-14
   * (about 50 ulps of the result) is ample.
   */
  @Test
  void lossOfATwoByThreeCaseMatchesHandComputation() {
    INDArray logits = doubles(new double[][] {{1, 2, 3}, {1, 1, 1}});
    INDArray labels = doubles(new double[][] {{0, 0, 1}, {1, 0, 0}});
    double row1 = Math.log(1 + Math.exp(-1) + Math.exp(-2));
    double row2 = Math.log(3);
    assertEquals(0.40760596444438, row1, 1e-13);
    SoftmaxCrossEntropy.Result r = SoftmaxCrossEntropy.of(logits, labels);
    assertEquals((row1 + row2) / 2, r.loss(), 1e-14);
    assertEquals(0.7531091265562, r.loss(), 1e-12);
  }

  /**
   * The same case in float, as the trainer runs it: float rounding of the logits' exponentials
   * bounds the error by a few float ulps of O(1) values; 1e-6 leaves a margin of ten.
   */
  @Test
  void lossInFloatMatchesHandComputation() {
    INDArray logits = floats(new float[][] {{1, 2, 3}, {1, 1, 1}});
    INDArray labels = floats(new float[][] {{0, 0, 1}, {1, 0, 0}});
    double expected = (Math.log(1 + Math.exp(-1) + Math.exp(-2)) + Math.log(3)) / 2;
    assertEquals(expected, SoftmaxCrossEntropy.of(logits, labels).loss(), 1e-6);
  }

  /**
   * The analytic gradient is (softmax − y) / N; this checks both that formula (to 1e-15, rounding
   * only) and, independently, the loss's own central differences with ε = 1e-6 in double. The loss
   * is O(1) and smooth: truncation error ε²/6·|f'''| ≈ 1e-13, round-off ≈ 1e-16 / 2ε ≈ 1e-10 per
   * difference. Tolerance 1e-8 is a hundred times that, and a gradient off by a factor (say a
   * missing 1/N, i.e. 0.5 here) or a wrong sign misses it by 1e-2 or more.
   */
  @Test
  void gradientIsSoftmaxMinusLabelsOverNAndMatchesCentralDifferences() {
    SplittableRandom random = new SplittableRandom(7);
    int n = 2;
    int k = 3;
    double[][] z = new double[n][k];
    for (double[] row : z) {
      for (int j = 0; j < k; j++) {
        row[j] = 4 * random.nextDouble() - 2;
      }
    }
    INDArray logits = doubles(z);
    INDArray labels = doubles(new double[][] {{0, 1, 0}, {0, 0, 1}});
    INDArray gradient = SoftmaxCrossEntropy.of(logits, labels).gradient();
    assertEquals(DataType.DOUBLE, gradient.dataType());
    assertArrayEquals(new long[] {n, k}, gradient.shape());

    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int j = 0; j < k; j++) {
        sum += Math.exp(z[i][j]);
      }
      for (int j = 0; j < k; j++) {
        double expected = (Math.exp(z[i][j]) / sum - labels.getDouble(i, j)) / n;
        assertEquals(expected, gradient.getDouble(i, j), 1e-15, "closed form at " + i + "," + j);
      }
    }

    double epsilon = 1e-6;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        INDArray plus = logits.dup();
        plus.putScalar(new long[] {i, j}, z[i][j] + epsilon);
        INDArray minus = logits.dup();
        minus.putScalar(new long[] {i, j}, z[i][j] - epsilon);
        double numeric =
            (SoftmaxCrossEntropy.of(plus, labels).loss() - SoftmaxCrossEntropy.of(minus, labels).loss())
                / (2 * epsilon);
        assertEquals(numeric, gradient.getDouble(i, j), 1e-8, "central difference at " + i + "," + j);
      }
    }
  }

  /** Each gradient row sums to zero (softmax sums to 1, so does a one-hot row); rounding only. */
  @Test
  void gradientRowsSumToZero() {
    INDArray logits = doubles(new double[][] {{0.3, -1.2, 2.5, 0}, {5, 5, -5, 1}});
    INDArray labels = doubles(new double[][] {{0, 0, 0, 1}, {0, 1, 0, 0}});
    INDArray rowSums = SoftmaxCrossEntropy.of(logits, labels).gradient().sum(1);
    for (int i = 0; i < 2; i++) {
      assertEquals(0, rowSums.getDouble(i), 1e-16);
    }
  }

  /**
   * Logits of ±1e4 overflow a naive exp (float overflows at 88.7, double at 709.8). With the
   * log-sum-exp shift: row 1 is certain and right, loss e⁻¹⁰⁰⁰⁰ ≈ 0; row 2 ties two classes, loss
   * log 2; row 3 is certain and wrong by 1e4, loss 1e4 + log 2. Computed in float, whose ulp at
   * 1e4 is 1e-3, hence the tolerances.
   */
  @Test
  void hugeLogitsDoNotOverflow() {
    INDArray logits = floats(new float[][] {{1e4f, 0, -1e4f}, {1e4f, 1e4f, 0}, {-1e4f, 0, 0}});
    INDArray labels = floats(new float[][] {{1, 0, 0}, {0, 1, 0}, {1, 0, 0}});
    SoftmaxCrossEntropy.Result r = SoftmaxCrossEntropy.of(logits, labels);
    assertTrue(Double.isFinite(r.loss()), "loss " + r.loss());
    assertEquals((0 + Math.log(2) + (1e4 + Math.log(2))) / 3, r.loss(), 1e-2);
    for (float g : r.gradient().dup().data().asFloat()) {
      assertTrue(Float.isFinite(g), "gradient " + g);
    }
    // Row 2: half the probability on each tied class; (0.5 − 1) / 3 on the labelled one.
    assertEquals(-0.5 / 3, r.gradient().getDouble(1, 1), 1e-6);
    assertEquals(0.5 / 3, r.gradient().getDouble(1, 0), 1e-6);
    // Row 3: all probability on classes 1 and 2, none on the labelled class 0.
    assertEquals(-1.0 / 3, r.gradient().getDouble(2, 0), 1e-6);
  }

  /** The same in double, where huge logits are exact and the answer is tight. */
  @Test
  void hugeLogitsInDoubleGiveExactLoss() {
    INDArray logits = doubles(new double[][] {{1e4, 1e4 - 1, 1e4 - 2}});
    INDArray labels = doubles(new double[][] {{0, 0, 1}});
    // Shifting by the max gives logits (0, −1, −2): loss 2 + log(1 + e⁻¹ + e⁻²).
    assertEquals(2 + Math.log(1 + Math.exp(-1) + Math.exp(-2)),
        SoftmaxCrossEntropy.of(logits, labels).loss(), 1e-12);
  }

  @Test
  void inputsAreNotModified() {
    INDArray logits = doubles(new double[][] {{1, 2, 3}, {1, 1, 1}});
    INDArray labels = doubles(new double[][] {{0, 0, 1}, {1, 0, 0}});
    INDArray logitsBefore = logits.dup();
    INDArray labelsBefore = labels.dup();
    SoftmaxCrossEntropy.of(logits, labels);
    assertArrayEquals(logitsBefore.data().asDouble(), logits.data().asDouble());
    assertArrayEquals(labelsBefore.data().asDouble(), labels.data().asDouble());
  }

  @Test
  void shapeMismatchIsAClearIllegalArgumentException() {
    INDArray logits = Nd4j.zeros(DataType.FLOAT, 2, 3);
    INDArray labels = Nd4j.zeros(DataType.FLOAT, 2, 4);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SoftmaxCrossEntropy.of(logits, labels));
    assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 4]"), e.getMessage());
  }

  @Test
  void batchSizeMismatchIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> SoftmaxCrossEntropy.of(Nd4j.zeros(DataType.FLOAT, 3, 2), Nd4j.zeros(DataType.FLOAT, 2, 2)));
    assertTrue(e.getMessage().contains("[3, 2]") && e.getMessage().contains("[2, 2]"), e.getMessage());
  }

  @Test
  void logitsThatAreNotAMatrixAreRejected() {
    INDArray logits = Nd4j.zeros(DataType.FLOAT, 6);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SoftmaxCrossEntropy.of(logits, logits));
    assertTrue(e.getMessage().contains("[N, K]") && e.getMessage().contains("[6]"), e.getMessage());
    assertFalse(e.getMessage().isBlank());
  }
}
