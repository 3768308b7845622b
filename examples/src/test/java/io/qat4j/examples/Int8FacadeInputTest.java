package io.qat4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qat4j.examples.models.FashionCnnInt8;
import io.qat4j.examples.models.FashionCnnQuantized;
import io.qat4j.runtime.qat.QatOptions;
import io.qat4j.runtime.qat.TrainableModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The generated facade refuses malformed nested inputs, naming the dimension and the shape. */
class Int8FacadeInputTest {
  private static FashionCnnInt8 model;

  @BeforeAll
  static void convertAModelWithRanges() {
    TrainableModel qat = FashionCnnQuantized.qatModel(1, QatOptions.defaults());
    // One training-mode forward gives every quantizer a range: enough to convert.
    Nd4j.getRandom().setSeed(1);
    qat.network().forward(Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28), true);
    model = FashionCnnInt8.convert(qat);
  }

  private static String refused(Runnable call) {
    return assertThrows(IllegalArgumentException.class, call::run).getMessage();
  }

  @Test
  void aNullNestedInputIsANullRowAtDimensionZero() {
    assertEquals("input has a null row at dimension 0, FashionCnn expects [1, 28, 28]",
        refused(() -> model.predict((float[][][]) null)));
  }

  @Test
  void aNullInnerRowIsNamedByItsDimension() {
    float[][][] image = new float[1][28][];
    assertEquals("input has a null row at dimension 2, FashionCnn expects [1, 28, 28]",
        refused(() -> model.predict(image)));
  }

  @Test
  void aShortRowIsNamedByItsDimensionAndLength() {
    float[][][] image = new float[1][27][28];
    assertEquals("input has 27 rows at dimension 1, FashionCnn expects [1, 28, 28]",
        refused(() -> model.predict(image)));
  }

  @Test
  void aWellFormedImagePredictsTenValues() {
    assertEquals(10, model.predict(new float[1][28][28]).length);
  }
}
