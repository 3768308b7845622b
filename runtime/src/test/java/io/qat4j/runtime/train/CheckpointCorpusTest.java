package io.qat4j.runtime.train;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hand-made bad inputs committed to {@link CheckpointFuzzTest}'s corpus are each refused for
 * the reason their name gives, so that the corpus keeps testing what it claims to when the format
 * changes (the fuzz test only checks that they fail the documented way).
 */
class CheckpointCorpusTest {
  private static final String DIR = "CheckpointFuzzTestInputs/loadsOrRejects/";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "too-short               | it is only 10 bytes long",
      "truncated               | its checksum does not match",
      "flipped-crc-byte        | its checksum does not match",
      "wrong-magic             | it does not start with QAT4JCKP",
      "wrong-version           | format version 2 is not the supported version 1",
      "absurd-tensor-count     | it claims 2147483647 tensors",
      "negative-tensor-count   | it claims -1 tensors",
      "absurd-name-length      | a name is 65535 bytes long",
      "unknown-type            | tensor w has unknown type 7",
      "absurd-rank             | tensor w has rank 1000",
      "negative-rank           | tensor w has rank -1",
      "absurd-dimensions       | tensor w has impossible shape",
      "negative-dimension      | tensor w has impossible shape",
      "values-cut-short        | tensor w is cut short",
      "bytes-after-last-tensor | 1 bytes follow the last tensor",
      "negative-epoch          | its position is negative",
  })
  void eachBadInputFailsItsOwnCheck(String name, String reason) throws IOException {
    byte[] bytes;
    try (InputStream in = getClass().getResourceAsStream(DIR + name)) {
      assertNotNull(in, "corpus file " + DIR + name);
      bytes = in.readAllBytes();
    }
    CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class,
        () -> Checkpoint.fromBytes(bytes, Path.of(name)));
    assertTrue(e.getMessage().contains(reason), "mentions '" + reason + "': " + e.getMessage());
  }
}
