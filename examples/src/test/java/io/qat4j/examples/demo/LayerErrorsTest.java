package io.qat4j.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qat4j.examples.models.BundledModel;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Which float tensor an int8 layer is compared with, and the SQNR formula. */
class LayerErrorsTest {
  @Test
  void aConvolutionIsComparedAfterItsBatchNormAndActivation() {
    // FashionCnn: conv1 folds bn1 and fuses relu1, so its int8 output is relu1's tensor.
    assertEquals("relu1", LayerErrors.floatTensorOf(BundledModel.FASHION_CNN.graph(), "conv1"));
  }

  @Test
  void aLayerNothingFoldsIntoIsComparedWithItself() {
    assertEquals("pool1", LayerErrors.floatTensorOf(BundledModel.FASHION_CNN.graph(), "pool1"));
    assertEquals("logits", LayerErrors.floatTensorOf(BundledModel.FASHION_CNN.graph(), "logits"));
  }

  @Test
  void anAddIsComparedAfterItsFusedRelu() {
    assertEquals("residualRelu",
        LayerErrors.floatTensorOf(BundledModel.MOBILENET_MINI.graph(), "residual"));
    assertEquals("pw1Bn", LayerErrors.floatTensorOf(BundledModel.MOBILENET_MINI.graph(), "pw1"));
  }

  @Test
  void sqnrIsSignalPowerOverNoisePowerInDecibels() {
    // Signal 3² + 4² = 25, noise 0.5² = 0.25: 10·log10(100) = 20 dB (float tolerance 1e-9).
    double db = LayerErrors.sqnr(Nd4j.createFromArray(new float[][] {{3, 4}}),
        new float[][] {{3, 4.5f}});
    assertEquals(20, db, 1e-9);
  }

  @Test
  void identicalValuesHaveInfiniteSqnr() {
    assertEquals(Double.POSITIVE_INFINITY, LayerErrors.sqnr(
        Nd4j.createFromArray(new float[][] {{1, -2}}), new float[][] {{1, -2}}));
  }
}
