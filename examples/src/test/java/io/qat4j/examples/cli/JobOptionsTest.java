package io.qat4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.examples.models.BundledModel;
import org.junit.jupiter.api.Test;

/** The shared options: defaults and range checks that name the option. */
class JobOptionsTest {
  @Test
  void theDefaultsRunTheMainJobOnFashionCnn() {
    var options = new JobOptions().toDemoOptions();
    assertEquals(BundledModel.FASHION_CNN, options.model());
    assertEquals(3, options.epochs());
    assertEquals(1, options.qatEpochs());
    assertEquals(64, options.batchSize());
    assertEquals(42, options.seed());
  }

  @Test
  void aModelIsChosenByItsId() {
    JobOptions job = new JobOptions();
    job.model = "mobilenet-mini";
    assertEquals(BundledModel.MOBILENET_MINI, job.toDemoOptions().model());
  }

  @Test
  void anUnknownModelListsTheKnownOnes() {
    JobOptions job = new JobOptions();
    job.model = "resnet";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, job::toDemoOptions);
    assertTrue(e.getMessage().contains("fashion-cnn, mobilenet-mini"), e.getMessage());
  }

  @Test
  void aBatchBelowOneNamesTheOptionAndTheValue() {
    JobOptions job = new JobOptions();
    job.batch = 0;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, job::toDemoOptions);
    assertEquals("--batch must be at least 1, got 0", e.getMessage());
  }

  @Test
  void aNegativeQatEpochCountIsRefused() {
    JobOptions job = new JobOptions();
    job.qatEpochs = -1;
    assertThrows(IllegalArgumentException.class, job::toDemoOptions);
  }
}
