package io.qat4j.examples.demo;

import io.qat4j.runtime.qat.TrainableModel;
import io.qat4j.runtime.train.Checkpoint;
import io.qat4j.runtime.train.CorruptCheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A trained model's parameters, statistics and ranges in a qat4j checkpoint file, so the
 * command line's stages (train, calibrate, convert) can run one at a time.
 */
public final class TrainedModelFile {
  private TrainedModelFile() {}

  /**
   * Fails unless {@code file}, the output of an earlier stage, exists.
   *
   * @throws NoSuchFileException naming the command that writes it
   */
  public static void requireWritten(Path file, String writtenBy) throws NoSuchFileException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null,
          "no such file; '" + writtenBy + "' writes it (or pass --out with the directory that"
              + " has it)");
    }
  }

  /** Writes every tensor of {@code model} to {@code file}, atomically. */
  public static void write(TrainableModel model, Path file) throws IOException {
    new Checkpoint(model.graph().name(), 0, 0, 0, 0, Checkpoint.valuesOf(model.tensors()))
        .write(file);
  }

  /**
   * Reads {@code file} into {@code model}: every tensor of the model must be there with its
   * shape; nothing is assigned unless all are.
   *
   * @throws NoSuchFileException naming the command that writes the file
   * @throws CorruptCheckpointException if the file is damaged or belongs to another model or form
   */
  public static void readInto(TrainableModel model, Path file, String writtenBy)
      throws IOException {
    requireWritten(file, writtenBy);
    Checkpoint c = Checkpoint.read(file);
    if (!c.model().equals(model.graph().name())) {
      throw new CorruptCheckpointException(file, "it holds model " + c.model() + ", not "
          + model.graph().name());
    }
    c.assignTo(model.tensors(), file, "the " + model.mode() + " model " + model.graph().name());
  }
}
