package io.qat4j.runtime.int8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.runtime.int8.kernels.QuantizedMultiplier;
import org.junit.jupiter.api.Test;

/** {@link Int8Model#weightScales}: the weight scales behind the stored multipliers. */
class Int8ModelWeightScalesTest {
  private static final Int8Model MODEL = Int8Fixtures.model();

  @Test
  void oneScalePerOutputChannelWhoseMultiplierIsInputTimesWeightOverOutputScale() {
    Int8Conv conv = (Int8Conv) MODEL.layer("conv1");
    double[] scales = MODEL.weightScales("conv1");
    assertEquals(4, scales.length);
    // conv1 reads the input (scale 1/255) and writes scale 0.02 (Int8Fixtures). Relative
    // tolerance 1e-12: the same double arithmetic undone, far below the multiplier's 2^-31.
    for (int o = 0; o < 4; o++) {
      double m = new QuantizedMultiplier(conv.multipliers()[o], conv.shifts()[o]).real();
      assertEquals(m, scales[o] * (1.0 / 255) / 0.02, 1e-12 * m, "channel " + o);
    }
  }

  @Test
  void aPerTensorDenseHasOneScale() {
    assertEquals(1, MODEL.weightScales("fc").length);
    assertTrue(MODEL.weightScales("fc")[0] > 0);
  }

  @Test
  void aLayerWithoutWeightsIsRefusedByName() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MODEL.weightScales("pool1"));
    assertTrue(e.getMessage().contains("pool1") && e.getMessage().contains("no weights"),
        e.getMessage());
  }
}
