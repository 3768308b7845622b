package io.qat4j.runtime.int8;

import java.nio.charset.StandardCharsets;

/**
 * The constants of the int8 model file format that {@link Int8ModelFile} documents: magic,
 * version, envelope sizes, limits and the layer kind tags.
 */
final class ModelFileFormat {
  private ModelFileFormat() {}

  /** The first eight bytes of every file. */
  static final byte[] MAGIC = "QAT4JI8M".getBytes(StandardCharsets.US_ASCII);

  /** The format version this code writes and reads. */
  static final int VERSION = 1;

  /** Magic, version and payload length. */
  static final int HEADER_BYTES = MAGIC.length + 4 + 4;

  /** The CRC-32 at the end. */
  static final int CRC_BYTES = 4;

  /** Header and checksum: the size of a file with an empty payload. */
  static final int ENVELOPE_BYTES = HEADER_BYTES + CRC_BYTES;

  /** Largest file (envelope and payload) a byte array can hold. */
  static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

  /** Longest string, in UTF-8 bytes. */
  static final int MAX_STRING_BYTES = 1024;

  /** Highest rank of a shape. */
  static final int MAX_RANK = 8;

  /** Entries of a softmax exponent table. */
  static final int EXP_TABLE_ENTRIES = 256;

  static final int TAG_CONV = 1;
  static final int TAG_DENSE = 2;
  static final int TAG_POOL = 3;
  static final int TAG_ADD = 4;
  static final int TAG_CONCAT = 5;
  static final int TAG_RESHAPE = 6;
  static final int TAG_SOFTMAX = 7;

  /** The tag that introduces {@code layer}'s record. */
  static int tagOf(Int8Layer layer) {
    if (layer instanceof Int8Conv) {
      return TAG_CONV;
    } else if (layer instanceof Int8Dense) {
      return TAG_DENSE;
    } else if (layer instanceof Int8Pool) {
      return TAG_POOL;
    } else if (layer instanceof Int8Add) {
      return TAG_ADD;
    } else if (layer instanceof Int8Concat) {
      return TAG_CONCAT;
    } else if (layer instanceof Int8Reshape) {
      return TAG_RESHAPE;
    } else if (layer instanceof Int8Softmax) {
      return TAG_SOFTMAX;
    }
    throw new IllegalArgumentException("no tag for " + layer.getClass().getName());
  }

  /** The record type a tag stands for, for messages; {@code null} for an unknown tag. */
  static String recordName(int tag) {
    return switch (tag) {
      case TAG_CONV -> "Int8Conv";
      case TAG_DENSE -> "Int8Dense";
      case TAG_POOL -> "Int8Pool";
      case TAG_ADD -> "Int8Add";
      case TAG_CONCAT -> "Int8Concat";
      case TAG_RESHAPE -> "Int8Reshape";
      case TAG_SOFTMAX -> "Int8Softmax";
      default -> null;
    };
  }
}
