package io.qat4j.runtime.int8;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Checks what surrounds the payload, in this order and before anything is allocated for it: the
 * magic, the format version, the declared payload length against the real size, then the CRC-32.
 */
final class ModelFileEnvelope {
  private ModelFileEnvelope() {}

  /**
   * Checks magic, version and declared length from the first bytes of a file of {@code size}
   * bytes, and returns the payload length.
   *
   * @param head the first {@code min(size, HEADER_BYTES)} bytes
   * @param size the size of the whole file
   * @param file the file, for messages, or null
   */
  static int payloadLength(byte[] head, long size, Path file) throws InvalidModelFileException {
    byte[] magic = ModelFileFormat.MAGIC;
    for (int i = 0; i < Math.min(head.length, magic.length); i++) {
      if (head[i] != magic[i]) {
        throw new InvalidModelFileException(file, "not a qat4j int8 model file: it does not start"
            + " with QAT4JI8M; pass the file that Int8ModelFile.write produced");
      }
    }
    if (head.length < ModelFileFormat.HEADER_BYTES) {
      throw new InvalidModelFileException(file, "truncated: ends after " + size + " of at least "
          + ModelFileFormat.ENVELOPE_BYTES + " bytes, inside the header; the file is incomplete,"
          + " copy or convert it again");
    }
    ByteBuffer header = ByteBuffer.wrap(head);
    int version = header.getInt(magic.length);
    checkVersion(version, file);
    int payload = header.getInt(magic.length + 4);
    if (payload < 0) {
      throw new InvalidModelFileException(file, "the header declares a payload of " + payload
          + " bytes, a negative length: the file is corrupt; copy or convert it again");
    }
    long total = ModelFileFormat.ENVELOPE_BYTES + (long) payload;
    if (size < total) {
      throw new InvalidModelFileException(file, "truncated: ends after " + size + " of " + total
          + " bytes (a header declaring a payload of " + payload + " bytes, and a checksum); the"
          + " file is incomplete, copy or convert it again");
    }
    if (size > total) {
      throw new InvalidModelFileException(file, "it is " + size + " bytes long but its header"
          + " declares " + total + ": " + (size - total) + " bytes follow the checksum, so the"
          + " file is damaged or something was appended to it; copy or convert it again");
    }
    if (total > ModelFileFormat.MAX_FILE_BYTES) {
      throw new InvalidModelFileException(file, "it is " + total + " bytes long, more than the "
          + ModelFileFormat.MAX_FILE_BYTES + " a model file may hold; it cannot be loaded");
    }
    return payload;
  }

  private static void checkVersion(int version, Path file) throws InvalidModelFileException {
    if (version > ModelFileFormat.VERSION) {
      throw new InvalidModelFileException(file, "it is in format version " + version + ", newer"
          + " than version " + ModelFileFormat.VERSION + ", the only one this qat4j reads; upgrade"
          + " qat4j to load it, or convert the model again with this version");
    }
    if (version != ModelFileFormat.VERSION) {
      throw new InvalidModelFileException(file, "it claims format version " + version + ", which"
          + " never existed (this qat4j reads version " + ModelFileFormat.VERSION + "): the file is"
          + " corrupt; copy or convert it again");
    }
  }

  /** Checks the CRC-32 at the end of {@code bytes}, a whole file whose length was checked. */
  static void checkCrc(byte[] bytes, Path file) throws InvalidModelFileException {
    int end = bytes.length - ModelFileFormat.CRC_BYTES;
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, end);
    int stored = ByteBuffer.wrap(bytes).getInt(end);
    if (stored != (int) crc.getValue()) {
      throw new InvalidModelFileException(file, String.format("checksum mismatch: the file is"
          + " corrupt (stored CRC-32 %08x, computed %08x); copy it again from where it came"
          + " from, or convert the model again", stored, (int) crc.getValue()));
    }
  }
}
