package io.qat4j.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.examples.models.BundledModel;
import io.qat4j.runtime.qat.QatOptions;
import io.qat4j.runtime.qat.TrainableModel;
import io.qat4j.runtime.train.CorruptCheckpointException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stage files: a model's tensors written and read back, and clear refusals. */
class TrainedModelFileTest {
  @TempDir Path dir;

  @Test
  void aWrittenModelReadsBackIntoAFreshOneWithEqualTensors() throws IOException {
    TrainableModel trained = BundledModel.FASHION_CNN.floatModel(1);
    Path file = dir.resolve("nested/fashion-cnn-float32.ckpt");
    TrainedModelFile.write(trained, file);
    TrainableModel fresh = BundledModel.FASHION_CNN.floatModel(2);
    TrainedModelFile.readInto(fresh, file, "qat4j train");
    for (int i = 0; i < trained.tensors().size(); i++) {
      assertEquals(trained.tensors().get(i).param().value(), fresh.tensors().get(i).param().value(),
          trained.tensors().get(i).name());
    }
  }

  @Test
  void aMissingFileNamesTheCommandThatWritesIt() {
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () ->
        TrainedModelFile.readInto(BundledModel.FASHION_CNN.floatModel(1),
            dir.resolve("none.ckpt"), "qat4j train"));
    assertTrue(e.getMessage().contains("'qat4j train' writes it"), e.getMessage());
  }

  @Test
  void aFileOfAnotherModelIsRefusedAndNothingIsAssigned() throws IOException {
    Path file = dir.resolve("m.ckpt");
    TrainedModelFile.write(BundledModel.MOBILENET_MINI.floatModel(1), file);
    TrainableModel target = BundledModel.FASHION_CNN.floatModel(3);
    CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class,
        () -> TrainedModelFile.readInto(target, file, "qat4j train"));
    assertTrue(e.getMessage().contains("MobileNetMini"), e.getMessage());
  }

  @Test
  void aFloatFileCannotStandInForAQatOneItLacksTheRanges() throws IOException {
    Path file = dir.resolve("f.ckpt");
    TrainedModelFile.write(BundledModel.FASHION_CNN.floatModel(1), file);
    TrainableModel qat = BundledModel.FASHION_CNN.qatModel(1, QatOptions.defaults());
    CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class,
        () -> TrainedModelFile.readInto(qat, file, "qat4j train"));
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
  }
}
