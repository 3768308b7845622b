package io.qat4j.runtime.train;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.qat4j.runtime.HeapBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Coverage-guided fuzzing (Jazzer) of the checkpoint loader: whatever the bytes, {@link
 * Checkpoint#fromBytes} (the content half of {@link Checkpoint#read}) either returns a checkpoint
 * or throws {@link CorruptCheckpointException}. Anything else (another exception, an {@link
 * OutOfMemoryError}, more heap than the bytes justify, a hang or a JVM killed in ND4J's native
 * code, both of which end the fork) is a finding. A plain {@link IOException} is left to {@code read} for a path it cannot read;
 * bytes never cause one.
 *
 * <p>Each input is loaded twice: as it is, and with the CRC-32 at its end made right, which gets
 * mutations past the checksum to the fields behind it.
 *
 * <p>With {@code JAZZER_FUZZ=1} (the surefire execution {@code fuzz}) this fuzzes for a minute;
 * otherwise it replays the seeds below and the files in {@code
 * src/test/resources/io/qat4j/runtime/train/CheckpointFuzzTestInputs/loadsOrRejects/}, where
 * Jazzer also writes the inputs that crash. Keep one {@code @FuzzTest} in this class: Jazzer
 * fuzzes only the first one of a JVM and skips the others.
 */
class CheckpointFuzzTest {
  /** Names the fuzzed bytes in messages; no such file is read or written. */
  private static final Path NAME = Path.of("fuzzed.ckpt");

  /** As in {@code Int8ModelFileFuzzTest}: far above what decoding a few kilobytes needs. */
  private static final long HEAP_BASE = 8L << 20;
  private static final long HEAP_PER_BYTE = 64;

  static {
    // ND4J's start-up and first allocations are not the loader's doing: done before measuring.
    try {
      Checkpoint.fromBytes(written(), NAME);
    } catch (CorruptCheckpointException e) {
      throw new IllegalStateException("the seed checkpoint does not load", e);
    }
  }

  /**
   * Where mutation starts: a checkpoint as the trainer writes it, with a tensor of each type,
   * a scalar and an empty one, and a crafted one with a rank-3 tensor.
   */
  static Stream<byte[]> seeds() {
    byte[] crafted = CheckpointBytes.header(Checkpoint.VERSION, "m")
        .i32(1).name("t").i8(0).i32(3).i64(1).i64(2).i64(1).f32(0.5f).f32(-1f)
        .withCrc();
    return Stream.of(written(), crafted);
  }

  @MethodSource("seeds")
  @FuzzTest(maxDuration = "60s")
  void loadsOrRejects(byte[] data) throws Exception {
    loadOrReject(data);
    if (data.length >= 8) {
      loadOrReject(CheckpointBytes.withCrc(CheckpointBytes.body(data)));
    }
  }

  private static void loadOrReject(byte[] bytes) throws Exception {
    HeapBudget.run(HEAP_BASE + HEAP_PER_BYTE * bytes.length, "loading " + bytes.length + " bytes",
        () -> {
          try {
            Checkpoint.fromBytes(bytes, NAME);
          } catch (CorruptCheckpointException documented) {
            // The one way the loader may refuse bytes.
          }
        });
  }

  /** The bytes {@link Checkpoint#write} writes for a few small tensors. */
  private static byte[] written() {
    Map<String, INDArray> t = new LinkedHashMap<>();
    t.put("w", Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}}));
    t.put("d", Nd4j.createFromArray(0.5, -0.25));
    t.put("n", Nd4j.scalar(DataType.INT64, 9L));
    t.put("e", Nd4j.create(DataType.FLOAT, 0));
    try {
      Path dir = Files.createTempDirectory("checkpoint-seed");
      Path file = dir.resolve("seed.ckpt");
      new Checkpoint("m", 1, 2, 3, 4, t).write(file);
      byte[] bytes = Files.readAllBytes(file);
      Files.delete(file);
      Files.delete(dir);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
