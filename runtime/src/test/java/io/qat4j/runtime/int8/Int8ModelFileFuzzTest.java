package io.qat4j.runtime.int8;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.qat4j.plan.QuantizedGraph;
import io.qat4j.runtime.HeapBudget;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing (Jazzer) of {@link Int8ModelFile#fromBytes} against the fixture's
 * graph: whatever the bytes, loading either returns a model or throws {@link
 * InvalidModelFileException}. Anything else (another exception, an {@link OutOfMemoryError}, a
 * hang, more heap than the bytes justify) is a finding.
 *
 * <p>Each input is loaded twice: as it is, which exercises the envelope checks, and resealed
 * ({@link ResealedModelBytes}), which reaches the payload decoder behind the checksum.
 *
 * <p>With {@code JAZZER_FUZZ=1} (the surefire execution {@code fuzz}) this fuzzes for a minute;
 * otherwise it replays the seeds below and the files in {@code
 * src/test/resources/io/qat4j/runtime/int8/Int8ModelFileFuzzTestInputs/loadsOrRejects/}, where
 * Jazzer also writes the inputs that crash. Keep one {@code @FuzzTest} in this class: Jazzer
 * fuzzes only the first one of a JVM and skips the others.
 */
class Int8ModelFileFuzzTest {
  private static final QuantizedGraph GRAPH = Int8Fixtures.graph();

  /**
   * Heap one load may use. The decoder copies each field once and builds messages and stack
   * traces: about 45 KB for the 2.5 KB fixture file once warm, and a fuzzer's inputs stay under
   * 4 KB. A length that escaped its check and was allocated costs about its declared value,
   * which a fuzzer soon makes huge.
   */
  private static final long HEAP_BASE = 8L << 20;
  private static final long HEAP_PER_BYTE = 64;

  static {
    // Class loading and first-call set-up (here and in Jazzer's hooks) allocate megabytes once;
    // that is not the loader's doing, so it happens before anything is measured.
    try {
      Int8ModelFile.fromBytes(Int8ModelFile.toBytes(Int8Fixtures.model()), GRAPH);
      Int8ModelFile.fromBytes(new byte[ResealedModelBytes.ENVELOPE], GRAPH);
    } catch (InvalidModelFileException expected) {
      // The second load fails: it only warms up the error path.
    }
  }

  /**
   * Where mutation starts: a valid file of the graph, which reaches every record type, and a
   * valid file of another graph, which this graph must refuse.
   */
  static Stream<byte[]> seeds() {
    return Stream.of(Int8ModelFile.toBytes(Int8Fixtures.model()),
        Int8ModelFile.toBytes(Int8Fixtures.otherModel()));
  }

  @MethodSource("seeds")
  @FuzzTest(maxDuration = "60s")
  void loadsOrRejects(byte[] data) throws Exception {
    loadOrReject(data);
    if (data.length >= ResealedModelBytes.ENVELOPE) {
      loadOrReject(ResealedModelBytes.of(data));
    }
  }

  private static void loadOrReject(byte[] bytes) throws Exception {
    Int8Model[] loaded = new Int8Model[1];
    HeapBudget.run(HEAP_BASE + HEAP_PER_BYTE * bytes.length, "loading " + bytes.length + " bytes",
        () -> {
          try {
            loaded[0] = Int8ModelFile.fromBytes(bytes, GRAPH);
          } catch (InvalidModelFileException documented) {
            // The one way a loader may refuse bytes.
          }
        });
    if (loaded[0] != null) {
      // The format has one encoding per model, so a file that loads must be exactly what the
      // writer makes of the model: a field the reader accepts but the writer cannot produce
      // would be a check missing from the reader.
      assertArrayEquals(bytes, Int8ModelFile.toBytes(loaded[0]), "a loaded file writes back");
    }
  }
}
