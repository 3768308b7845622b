package io.qat4j.runtime.int8;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Int8Predictor#layerOutputs}: every kept tensor of the engine, dequantized per layer. */
class Int8PredictorLayerOutputsTest {
  private static final Int8Predictor PREDICTOR = Int8Predictor.of(Int8Fixtures.model());

  private static float[][] images(int n) {
    SplittableRandom r = new SplittableRandom(5);
    float[][] x = new float[n][PREDICTOR.inputSize()];
    for (float[] row : x) {
      for (int i = 0; i < row.length; i++) {
        row[i] = (float) r.nextDouble();
      }
    }
    return x;
  }

  @Test
  void theLastLayersOutputIsThePrediction() {
    float[][] x = images(3);
    Map<String, float[][]> layers = PREDICTOR.layerOutputs(x);
    float[][] predicted = PREDICTOR.predict(x);
    for (int b = 0; b < x.length; b++) {
      // Same codes, same dequantization: exactly equal.
      assertArrayEquals(predicted[b], layers.get("soft")[b], 0f);
    }
  }

  @Test
  void aConvolutionComputedWithItsMaxPoolIsLeftOutAndTheOthersKeepModelOrder() {
    Map<String, float[][]> layers = PREDICTOR.layerOutputs(images(1));
    assertFalse(layers.containsKey("conv1"), "conv1 is fused with pool1: " + layers.keySet());
    assertEquals(List.of("pool1", "dw", "add", "cat", "avg", "flat", "drop", "fc", "soft"),
        List.copyOf(layers.keySet()));
  }

  @Test
  void valuesAreCodesTimesTheLayersScale() {
    // fc's output has scale 0.1 and zero point 3 (Int8Fixtures): every value is (code − 3)·0.1
    // for an int8 code, so value/0.1 + 3 is an integer in [−128, 127] (float tolerance 1e-3).
    float[][] fc = PREDICTOR.layerOutputs(images(2)).get("fc");
    assertEquals(2, fc.length);
    assertEquals(10, fc[0].length);
    for (float[] row : fc) {
      for (float v : row) {
        double code = v / 0.1 + 3;
        assertEquals(Math.rint(code), code, 1e-3, "value " + v);
        assertEquals(true, Math.rint(code) >= -128 && Math.rint(code) <= 127, "code " + code);
      }
    }
  }
}
