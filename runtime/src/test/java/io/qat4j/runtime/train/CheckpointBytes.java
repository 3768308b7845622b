package io.qat4j.runtime.train;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Writes checkpoint bytes field by field, as the format documented on {@link Checkpoint} lays them
 * out, so tests can build files that qat4j would never write and still give them a correct CRC-32.
 */
final class CheckpointBytes {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final DataOutputStream out = new DataOutputStream(bytes);

  /** Magic, version, model name and position, ready for a tensor count. */
  static CheckpointBytes header(int version, String model) {
    return new CheckpointBytes()
        .raw("QAT4JCKP".getBytes(StandardCharsets.US_ASCII))
        .i32(version)
        .name(model)
        .i64(0) // epoch
        .i64(0) // batch
        .i64(0) // step
        .i64(7); // seed
  }

  CheckpointBytes raw(byte[] b) {
    try {
      out.write(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  CheckpointBytes i8(int v) {
    return raw(new byte[] {(byte) v});
  }

  CheckpointBytes i16(int v) {
    return raw(ByteBuffer.allocate(2).putShort((short) v).array());
  }

  CheckpointBytes i32(int v) {
    return raw(ByteBuffer.allocate(4).putInt(v).array());
  }

  CheckpointBytes i64(long v) {
    return raw(ByteBuffer.allocate(8).putLong(v).array());
  }

  CheckpointBytes f32(float v) {
    return raw(ByteBuffer.allocate(4).putFloat(v).array());
  }

  /** A name: unsigned 16-bit byte length, then UTF-8. */
  CheckpointBytes name(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return i16(b.length).raw(b);
  }

  /** The bytes so far with no checksum. */
  byte[] withoutCrc() {
    return bytes.toByteArray();
  }

  /** The bytes so far followed by their CRC-32 as a big-endian long, as qat4j writes it. */
  byte[] withCrc() {
    return withCrc(bytes.toByteArray());
  }

  /** {@code body} followed by its CRC-32. */
  static byte[] withCrc(byte[] body) {
    CRC32 crc = new CRC32();
    crc.update(body);
    return ByteBuffer.allocate(body.length + 8).put(body).putLong(crc.getValue()).array();
  }

  /** {@code file} minus its last 8 bytes (the CRC), to alter and re-seal with {@link #withCrc}. */
  static byte[] body(byte[] file) {
    byte[] b = new byte[file.length - 8];
    System.arraycopy(file, 0, b, 0, b.length);
    return b;
  }
}
