package io.qat4j.runtime.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qat4j.model.QuantScheme;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The straight-through gradient, checked in double precision against central differences of the
 * surrogate {@code L(x) = Σ w · clamp(x, nudgedMin, nudgedMax)}, whose derivative the STE claims
 * to be. Points lie at least {@code 1e-3} from the edges and {@code h = 1e-6}, so no difference
 * straddles a kink and the truncation error is 0 (the surrogate is linear there); what remains is
 * rounding, about {@code ulp(L) / h ≈ 1e-15 / 1e-6 = 1e-9}. Tolerance 1e-7 sits well above that and
 * far below the gap of 0.1 or more between the mask's 0 and the weights' |w| >= 0.1.
 */
class FakeQuantGradientCheckTest {
  private static final double H = 1e-6;
  private static final double EDGE_GAP = 1e-3;
  private static final double TOLERANCE = 1e-7;

  @Test
  void perTensorSteGradientIsTheClampDerivative() {
    Random random = new Random(11);
    FakeQuantizer q = new FakeQuantizer(QuantScheme.INT8_ACTIVATIONS, RangeTracker.lastValue());
    q.observe(Nd4j.createFromArray(-0.7, 1.3));
    // Frozen, or the training forward below would take the range of the probe points themselves.
    q.freeze();
    NudgedRange r = q.range();
    INDArray x = points(random, new long[] {4, 6}, List.of(r));
    INDArray w = weights(random, x.shape());

    q.forward(x, true);
    INDArray ste = q.backward(w);

    checkAgainstCentralDifferences(x, w, ste, List.of(r));
  }

  @Test
  void perAxisSteGradientIsTheClampDerivative() {
    Random random = new Random(12);
    FakeQuantizer q = FakeQuantizer.forWeights(QuantScheme.INT8_WEIGHTS_PER_CHANNEL, 3);
    q.observe(
        Nd4j.createFromArray(new double[][] {{-0.2, 0.1}, {-1.5, 0.3}, {0.05, 0.9}})
            .reshape(3, 2, 1, 1));
    q.freeze();
    List<NudgedRange> ranges = q.ranges();
    INDArray x = points(random, new long[] {3, 2, 2, 2}, ranges);
    INDArray w = weights(random, x.shape());

    q.forward(x, true);
    INDArray ste = q.backward(w);

    checkAgainstCentralDifferences(x, w, ste, ranges);
  }

  /** Random points over 1.5 times each channel's range, none within EDGE_GAP of an edge. */
  private static INDArray points(Random random, long[] shape, List<NudgedRange> ranges) {
    INDArray x = Nd4j.create(DataType.DOUBLE, shape);
    long perChannel = x.length() / shape[0];
    int outside = 0;
    for (long i = 0; i < x.length(); i++) {
      NudgedRange r = ranges.get(ranges.size() == 1 ? 0 : (int) (i / perChannel));
      double width = r.nudgedMax() - r.nudgedMin();
      double v;
      do {
        v = r.nudgedMin() - 0.25 * width + 1.5 * width * random.nextDouble();
      } while (Math.abs(v - r.nudgedMin()) < EDGE_GAP || Math.abs(v - r.nudgedMax()) < EDGE_GAP);
      if (v < r.nudgedMin() || v > r.nudgedMax()) {
        outside++;
      }
      x.putScalar(i, v);
    }
    // The check means something only with points on both sides of the edges.
    assertEquals(true, outside > 0 && outside < x.length(), "points outside: " + outside);
    return x.reshape(shape);
  }

  /** Upstream gradients with |w| in [0.1, 1.1), so a wrong 0 or 1 cannot hide in the tolerance. */
  private static INDArray weights(Random random, long[] shape) {
    INDArray w = Nd4j.create(DataType.DOUBLE, shape);
    for (long i = 0; i < w.length(); i++) {
      double magnitude = 0.1 + random.nextDouble();
      w.putScalar(i, random.nextBoolean() ? magnitude : -magnitude);
    }
    return w;
  }

  private static void checkAgainstCentralDifferences(
      INDArray x, INDArray w, INDArray ste, List<NudgedRange> ranges) {
    long perChannel = x.length() / x.size(0);
    double[] xs = x.dup('c').reshape(x.length()).toDoubleVector();
    double[] ws = w.dup('c').reshape(w.length()).toDoubleVector();
    double[] gs = ste.dup('c').reshape(ste.length()).toDoubleVector();
    for (int i = 0; i < xs.length; i++) {
      NudgedRange r = ranges.get(ranges.size() == 1 ? 0 : (int) (i / perChannel));
      double[] plus = xs.clone();
      double[] minus = xs.clone();
      plus[i] += H;
      minus[i] -= H;
      double numeric =
          (surrogate(plus, ws, ranges, perChannel) - surrogate(minus, ws, ranges, perChannel))
              / (2 * H);
      assertEquals(numeric, gs[i], TOLERANCE, "element " + i + " at " + xs[i] + " in " + r);
    }
  }

  /** {@code Σ w · clamp(x)}, written out independently of the code under test. */
  private static double surrogate(
      double[] x, double[] w, List<NudgedRange> ranges, long perChannel) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      NudgedRange r = ranges.get(ranges.size() == 1 ? 0 : (int) (i / perChannel));
      sum += w[i] * Math.min(Math.max(x[i], r.nudgedMin()), r.nudgedMax());
    }
    return sum;
  }
}
