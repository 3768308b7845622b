package io.qat4j.examples.report;

import java.util.List;
import java.util.Random;

/** A report's worth of made-up but plausible figures. */
final class Fixtures {
  private Fixtures() {}

  static ResultsRow fashionRow() {
    return new ResultsRow("FashionCnn", 0.9143, 0.9139, 0.9183, 0.9181, 1_688_220, 422_840,
        1.234, 0.143);
  }

  /** A loss falling from about 2.3 with noise, seeded. */
  static double[] loss(int steps, double from, double to, long seed) {
    Random random = new Random(seed);
    double[] loss = new double[steps];
    for (int i = 0; i < steps; i++) {
      double t = (double) i / steps;
      loss[i] = to + (from - to) * Math.exp(-5 * t) + 0.1 * random.nextGaussian();
    }
    return loss;
  }

  static float[] weights(int outChannels, int rest, long seed) {
    Random random = new Random(seed);
    float[] w = new float[outChannels * rest];
    for (int c = 0; c < outChannels; c++) {
      double spread = 0.05 + 0.5 * random.nextDouble();
      for (int i = 0; i < rest; i++) {
        w[c * rest + i] = (float) (spread * random.nextGaussian());
      }
    }
    return w;
  }

  static ReportData data() {
    return new ReportData("FashionCnn",
        List.of(new StageCurve("float", loss(600, 2.3, 0.3, 1), new double[] {0.82, 0.88, 0.9}),
            new StageCurve("QAT", loss(200, 0.35, 0.25, 2), new double[] {0.915})),
        List.of(new LayerError("conv1", 41.3), new LayerError("pool1", Double.POSITIVE_INFINITY),
            new LayerError("conv2", 35.72), new LayerError("fc1", 30.05),
            new LayerError("logits", 28.4)),
        List.of(ChannelRanges.of("conv1", weights(32, 9, 3), 32),
            ChannelRanges.of("conv2", weights(64, 288, 4), 64)),
        List.of(fashionRow()));
  }
}
