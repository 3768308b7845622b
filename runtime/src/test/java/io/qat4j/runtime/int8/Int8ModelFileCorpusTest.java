package io.qat4j.runtime.int8;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hand-made bad inputs committed to {@link Int8ModelFileFuzzTest}'s corpus are each refused
 * for the reason their name gives. The fuzz test only checks that they fail the documented way;
 * this keeps each one aimed at its own check, so that a format change that made them all fail on,
 * say, the version would not leave a corpus that no longer tests what it claims to.
 */
class Int8ModelFileCorpusTest {
  private static final String DIR = "Int8ModelFileFuzzTestInputs/loadsOrRejects/";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "truncated-in-header      | truncated: ends after 10 of at least 20 bytes",
      "truncated-in-payload     | truncated: ends after 1000 of 2518 bytes",
      "flipped-crc-byte         | checksum mismatch",
      "wrong-magic              | does not start with QAT4JI8M",
      "newer-version            | format version 2, newer than version 1",
      "impossible-version       | format version 0, which never existed",
      "absurd-payload-length    | a payload of 2147483647 bytes",
      "negative-payload-length  | a payload of -1 bytes, a negative length",
      "appended-bytes           | 3 bytes follow the checksum",
      "absurd-name-length       | the model name is 2147483647 bytes long",
      "absurd-rank              | the input shape has rank 1000",
      "negative-dimension       | the input shape has dimension -2 on axis 0",
      "absurd-dimension         | the input shape is [2147483647, 8, 8] in the file",
      "absurd-layer-count       | it holds 2147483647 layers",
      "absurd-weights-length    | layer 'conv1' weights has 2147483647 entries",
      "absurd-multipliers-count | layer 'fc' multipliers has 2147483647 entries",
      "bytes-after-last-layer   | 5 bytes follow the last layer",
  })
  void eachBadInputFailsItsOwnCheck(String name, String reason) throws IOException {
    byte[] bytes;
    try (InputStream in = getClass().getResourceAsStream(DIR + name)) {
      assertNotNull(in, "corpus file " + DIR + name);
      bytes = in.readAllBytes();
    }
    InvalidModelFileException e = assertThrows(InvalidModelFileException.class,
        () -> Int8ModelFile.fromBytes(bytes, Int8Fixtures.graph()));
    assertTrue(e.getMessage().contains(reason), "mentions '" + reason + "': " + e.getMessage());
  }
}
