package io.qat4j.runtime.train;

import java.io.IOException;
import java.nio.file.Path;

/** A checkpoint file that is not one qat4j wrote, or that was damaged since. */
public final class CorruptCheckpointException extends IOException {
  private static final long serialVersionUID = 1L;

  /** {@code file} cannot be used because of {@code problem} (a clause, no final period). */
  public CorruptCheckpointException(Path file, String problem) {
    super("Checkpoint " + file + " is unreadable: " + problem + ". Delete it to start over, or"
        + " point to an intact checkpoint.");
  }
}
