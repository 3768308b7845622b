package io.qat4j.runtime.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The process {@link CheckpointCrashTest} kills: writes checkpoints of one large tensor to a file
 * in a loop, steps {@code first}, {@code first + 1}, ..., every value of the tensor equal to the
 * step, and prints {@code wrote <step>} once each write has returned.
 *
 * <p>Arguments: the checkpoint file, the first step, the tensor's length.
 */
public final class CheckpointWriterMain {
  private CheckpointWriterMain() {}

  /** Writes until killed. */
  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    long first = Long.parseLong(args[1]);
    long length = Long.parseLong(args[2]);
    for (long step = first; ; step++) {
      Checkpoint c = new Checkpoint("crash", 0, 0, step, 7,
          Map.of("w", Nd4j.valueArrayOf(new long[] {length}, (float) step, DataType.FLOAT)));
      c.write(file);
      System.out.println("wrote " + step);
      System.out.flush();
    }
  }
}
