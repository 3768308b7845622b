package io.qat4j.runtime.int8;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Makes arbitrary bytes pass the envelope of a model file: the header's payload length and the
 * CRC-32 at the end are rewritten to agree with the bytes. A fuzzer almost never guesses a
 * checksum, so without this nearly every mutation would stop at the CRC check and the decoder of
 * the payload, where the lengths and counts are, would go unexplored.
 */
final class ResealedModelBytes {
  /** Magic, version and payload length. */
  static final int HEADER = 16;

  /** Header and CRC: the shortest bytes that can be resealed. */
  static final int ENVELOPE = HEADER + 4;

  private ResealedModelBytes() {}

  /**
   * A copy of {@code bytes} (at least {@link #ENVELOPE} long) with magic and version untouched, a
   * payload length that matches and a correct CRC-32.
   */
  static byte[] of(byte[] bytes) {
    if (bytes.length < ENVELOPE) {
      throw new IllegalArgumentException(bytes.length + " bytes cannot hold an envelope");
    }
    byte[] out = bytes.clone();
    ByteBuffer b = ByteBuffer.wrap(out);
    b.putInt(HEADER - 4, out.length - ENVELOPE);
    CRC32 crc = new CRC32();
    crc.update(out, 0, out.length - 4);
    b.putInt(out.length - 4, (int) crc.getValue());
    return out;
  }
}
