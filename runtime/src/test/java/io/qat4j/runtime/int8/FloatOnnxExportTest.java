package io.qat4j.runtime.int8;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.qat4j.plan.QuantizedGraph;
import io.qat4j.runtime.export.onnx.FloatExport;
import io.qat4j.runtime.graph.NamedParam;
import io.qat4j.runtime.qat.QatOptions;
import io.qat4j.runtime.qat.TrainableModel;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The float export run by ONNX Runtime gives the float network's own outputs. Both compute in
 * float32 but sum in different orders (im2col + sgemm against ONNX Runtime's kernels), so they
 * agree to a relative 1e-4 of the output's largest magnitude, not bit for bit.
 */
class FloatOnnxExportTest {
  @Test
  void everyLayerKindMatchesTheFloatNetwork() throws Exception {
    assertMatches(ConversionFixtures.everyKind());
  }

  @Test
  void softmaxModelMatchesTheFloatNetwork() throws Exception {
    assertMatches(ConversionFixtures.withSoftmax());
  }

  @Test
  void aQatModelIsRefusedWithTheWayOut() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FloatExport.toBytes(
            TrainableModel.qat(ConversionFixtures.everyKind(), 1, QatOptions.defaults())));
    assertTrue(e.getMessage().contains("QdqExport"), e.getMessage());
  }

  private static void assertMatches(QuantizedGraph graph) throws Exception {
    TrainableModel model = TrainableModel.floatModel(graph, 5);
    SplittableRandom random = new SplittableRandom(5);
    for (NamedParam p : model.network().params()) {
      if (p.name().endsWith(".gamma") || p.name().endsWith(".beta")
          || p.name().endsWith(".bias")) {
        INDArray v = p.param().value();
        for (long i = 0; i < v.length(); i++) {
          v.putScalar(i, random.nextDouble(-0.5, 1.5));
        }
      }
    }
    for (int b = 0; b < 3; b++) {
      model.network().forward(ConversionFixtures.images(graph.input(), 16, 20 + b), true);
    }
    int n = 32;
    INDArray batch = ConversionFixtures.images(graph.input(), n, 77);
    float[] expected = model.network().forward(batch, false).dup('c').data().asFloat();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    float[] actual;
    try (OrtSession session = env.createSession(FloatExport.toBytes(model));
        OnnxTensor input = OnnxTensor.createTensor(env,
            FloatBuffer.wrap(batch.dup('c').data().asFloat()), batch.shape());
        OrtSession.Result result = session.run(Map.of("input", input))) {
      OnnxTensor out = (OnnxTensor) result.get(0);
      actual = new float[expected.length];
      out.getFloatBuffer().get(actual);
    }
    double largest = 0;
    for (float v : expected) {
      largest = Math.max(largest, Math.abs(v));
    }
    for (int i = 0; i < expected.length; i++) {
      assertTrue(Math.abs(expected[i] - actual[i]) <= 1e-4 * largest,
          "output " + i + ": network " + expected[i] + ", ONNX Runtime " + actual[i]);
    }
  }
}
