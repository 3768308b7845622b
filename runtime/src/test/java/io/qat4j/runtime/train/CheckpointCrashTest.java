package io.qat4j.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A process killed (SIGKILL) while it writes a checkpoint leaves the previous checkpoint whole:
 * readable, its checksum right, and its step one that was written completely. Each round starts
 * a child JVM writing 16 MB checkpoints in a loop, waits for its first, kills it, and reads
 * what is on disk.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS) // a hung child must not hang the build
class CheckpointCrashTest {
  /** 4M floats: a write takes tens of milliseconds, long enough to kill the process inside one. */
  private static final long LENGTH = 4_000_000;
  /** Generous, for a slow shared machine: the child starts ND4J before its first write. */
  private static final Duration START = Duration.ofSeconds(60);
  private static final int MAX_ROUNDS = 8;

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("checkpoints").resolve("run.ckpt");
  }

  private WriterProcess start(int round) throws IOException {
    Files.createDirectories(file().getParent());
    // Steps grow from round to round, so a step read back tells which process wrote it.
    return new WriterProcess(file(), (round + 1) * 1_000_000L, LENGTH,
        dir.resolve("errors-" + round + ".txt"));
  }

  /** AtomicFile's temporary files for the checkpoint: {@code .run.ckpt.<random>.tmp}. */
  private List<Path> temporaryFiles() throws IOException {
    String prefix = "." + file().getFileName() + ".";
    try (Stream<Path> files = Files.list(file().getParent())) {
      return files.filter(p -> p.getFileName().toString().startsWith(prefix)
          && p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  /** Waits until a write is in progress: a temporary file exists. */
  private void awaitTemporaryFile(WriterProcess writer) throws Exception {
    long deadline = System.nanoTime() + START.toNanos();
    while (temporaryFiles().isEmpty()) {
      if (!writer.isAlive() || System.nanoTime() > deadline) {
        fail("no write in progress seen (alive: " + writer.isAlive() + ")");
      }
      Thread.sleep(1);
    }
  }

  /**
   * The checkpoint on disk is whole and is the last one written: {@code reported} if a write
   * was cut off, else {@code reported} or the next one (finished but killed before it said so).
   * Returns whether the kill fell inside a write.
   */
  private boolean assertIntactAfterKill(long reported) throws IOException {
    boolean midWrite = !temporaryFiles().isEmpty();
    Checkpoint c = Checkpoint.read(file()); // checks the CRC-32 and every length
    INDArray w = c.tensors().get("w");
    assertEquals(LENGTH, w.length());
    assertEquals(c.step(), w.minNumber().longValue(), "every value is the step written");
    assertEquals(c.step(), w.maxNumber().longValue(), "every value is the step written");
    if (midWrite) {
      assertEquals(reported, c.step(), "the cut-off write left the previous checkpoint");
    } else {
      assertTrue(c.step() == reported || c.step() == reported + 1,
          "read step " + c.step() + ", last reported written " + reported);
    }
    // The next round's writer must not mistake this leftover for its own write.
    for (Path temp : temporaryFiles()) {
      Files.delete(temp);
    }
    return midWrite;
  }

  @Test
  void killedInsideAWriteLeavesThePreviousCheckpointWhole(TestReporter report) throws Exception {
    // Kill at different moments after the temporary file appears; a kill that lands after the
    // rename is still a valid crash, so rounds go on until one fell inside a write.
    long[] delaysMs = {0, 3, 10};
    int kills = 0;
    int midWrite = 0;
    for (int round = 0; round < MAX_ROUNDS && (kills < 3 || midWrite < 1); round++) {
      try (WriterProcess writer = start(round)) {
        writer.awaitWritten((round + 1) * 1_000_000L, START);
        awaitTemporaryFile(writer);
        Thread.sleep(delaysMs[round % delaysMs.length]);
        long reported = writer.kill();
        kills++;
        midWrite += assertIntactAfterKill(reported) ? 1 : 0;
      }
    }
    report.publishEntry("kills", kills + ", of which inside a write: " + midWrite);
    assertTrue(midWrite >= 1, "no kill of " + kills + " fell inside a write");
  }

  @Test
  void killedAtAnyMomentLeavesACompleteCheckpoint(TestReporter report) throws Exception {
    // Moments not tied to a write: before, inside or after one.
    SplittableRandom random = new SplittableRandom(11);
    int midWrite = 0;
    for (int round = 0; round < 2; round++) {
      try (WriterProcess writer = start(round)) {
        writer.awaitWritten((round + 1) * 1_000_000L, START);
        Thread.sleep(random.nextInt(200));
        midWrite += assertIntactAfterKill(writer.kill()) ? 1 : 0;
      }
    }
    report.publishEntry("kills", "2, of which inside a write: " + midWrite);
  }
}
