package io.qat4j.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrainingConfigTest {
  @Test
  void ofHasNoCheckpoint() {
    TrainingConfig c = TrainingConfig.of(3, 64, 7, OptimizerSpec.adam(1e-3));
    assertEquals(Optional.empty(), c.checkpoint());
    assertEquals(3, c.epochs());
    assertEquals(64, c.batchSize());
    assertEquals(7, c.seed());
  }

  @Test
  void withCheckpointKeepsEverythingElse() {
    TrainingConfig c = TrainingConfig.of(3, 64, 7, OptimizerSpec.sgd(0.1, 0.9))
        .withCheckpoint(Path.of("x.ckpt"), 25);
    assertEquals(Optional.of(Path.of("x.ckpt")), c.checkpoint());
    assertEquals(25, c.checkpointEvery());
    assertEquals(new TrainingConfig(3, 64, 7, OptimizerSpec.sgd(0.1, 0.9), Optional.of(Path.of("x.ckpt")), 25), c);
  }

  @ParameterizedTest(name = "epochs={0} batch={1} every={2}")
  @CsvSource({"-1, 8, 1", "1, 0, 1", "1, -8, 1", "1, 8, 0"})
  void impossibleNumbersAreRejected(int epochs, int batch, int every) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TrainingConfig(epochs, batch, 1, OptimizerSpec.adam(0.1), Optional.empty(), every));
    assertTrue(e.getMessage().contains("epochs=" + epochs), e.getMessage());
  }
}
