package io.qat4j.runtime.int8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Bad input to an {@link Int8Predictor} is refused saying what was expected and what came. */
class Int8PredictorInputTest {
  private static final Int8Predictor PREDICTOR = Int8Predictor.of(Int8Fixtures.model());

  private static String refused(Runnable call) {
    return assertThrows(IllegalArgumentException.class, call::run).getMessage();
  }

  @Test
  void aNullExampleNamesTheExpectedSizeAndShape() {
    assertEquals("example is null; pass 128 values (shape [2, 8, 8])",
        refused(() -> PREDICTOR.predict((float[]) null)));
  }

  @Test
  void aNullBatchIsNotCalledEmpty() {
    assertEquals("batch is null; pass at least one example of 128 values (shape [2, 8, 8])",
        refused(() -> PREDICTOR.predict((float[][]) null)));
  }

  @Test
  void aNullRowOfABatchIsNamedByIndex() {
    assertEquals("example 1: example is null; pass 128 values (shape [2, 8, 8])",
        refused(() -> PREDICTOR.predict(new float[][] {new float[128], null})));
  }

  @Test
  void infinityIsRefusedLikeNaN() {
    float[] x = new float[128];
    x[5] = Float.NEGATIVE_INFINITY;
    assertEquals("input value 5 is -Infinity; TinyInt8Net needs finite inputs",
        refused(() -> PREDICTOR.classify(x)));
  }

  @Test
  void outputCodesOfTheWrongLengthAreNotDequantized() {
    assertEquals("output has 3 codes, but TinyInt8Net gives 10 (shape [10])",
        refused(() -> PREDICTOR.dequantize(new byte[3])));
  }

  @Test
  void aNullModelIsRefusedByName() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> Int8Predictor.of(null));
    assertEquals("model is null; pass an Int8Model", e.getMessage());
  }
}
