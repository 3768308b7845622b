package io.qat4j.runtime.data;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The header of an IDX file: two zero bytes, a type byte, a rank byte, then one big-endian int32
 * per dimension. Only the unsigned-byte type (0x08) that MNIST uses is accepted.
 */
record IdxHeader(int type, int[] dims) {
  static final int UNSIGNED_BYTE = 0x08;
  static final int MAX_RANK = 4;
  /** The most elements one file may declare: 1 GiB of unsigned bytes. */
  static final long MAX_ELEMENTS = 1L << 30;

  /** Reads and validates a header, naming {@code file} in any error. */
  static IdxHeader read(InputStream in, Path file) throws IOException {
    byte[] magic = new byte[4];
    int got = in.readNBytes(magic, 0, 4);
    if (got < 4) {
      throw new DataFileException(
          file, "too short for an IDX header: " + got + " bytes, the magic number alone needs 4");
    }
    if (magic[0] != 0 || magic[1] != 0) {
      throw new DataFileException(
          file,
          String.format(
              "bad magic number 0x%02x%02x%02x%02x: an IDX file starts with two zero bytes,"
                  + " a type byte and a rank byte",
              magic[0], magic[1], magic[2], magic[3]));
    }
    int type = magic[2] & 0xff;
    if (type != UNSIGNED_BYTE) {
      throw new DataFileException(
          file,
          String.format(
              "unsupported IDX data type 0x%02x (%s): only 0x08 (unsigned byte) is supported",
              type, typeName(type)));
    }
    int rank = magic[3] & 0xff;
    if (rank < 1 || rank > MAX_RANK) {
      throw new DataFileException(
          file, "unsupported rank " + rank + ": expected 1 to " + MAX_RANK + " dimensions");
    }
    byte[] dimBytes = new byte[4 * rank];
    got = in.readNBytes(dimBytes, 0, dimBytes.length);
    if (got < dimBytes.length) {
      throw new DataFileException(
          file,
          "truncated header: rank " + rank + " needs " + dimBytes.length
              + " dimension bytes, found " + got);
    }
    ByteBuffer buffer = ByteBuffer.wrap(dimBytes); // big-endian by default
    int[] dims = new int[rank];
    for (int i = 0; i < rank; i++) {
      dims[i] = buffer.getInt();
      if (dims[i] <= 0) {
        throw new DataFileException(
            file,
            "dimension " + i + " is " + dims[i] + ": dimensions must be positive");
      }
    }
    checkElementCount(dims, file);
    return new IdxHeader(type, dims);
  }

  private static void checkElementCount(int[] dims, Path file) throws DataFileException {
    long count = 1;
    for (int d : dims) {
      count *= d; // stays below 2^30 * 2^31 before the check, so never overflows
      if (count > MAX_ELEMENTS) {
        BigInteger product = BigInteger.ONE;
        for (int e : dims) {
          product = product.multiply(BigInteger.valueOf(e));
        }
        throw new DataFileException(
            file,
            "absurd dimensions " + shapeText(dims) + ": " + product
                + " elements, more than the limit of " + MAX_ELEMENTS);
      }
    }
  }

  /** Number of data elements (bytes) the dimensions declare. */
  int elementCount() {
    long count = 1;
    for (int d : dims) {
      count *= d;
    }
    return (int) count; // read() checked it against MAX_ELEMENTS
  }

  /** Bytes taken by the header itself. */
  int length() {
    return 4 + 4 * dims.length;
  }

  /** The dimensions as {@code "10000 x 28 x 28"}. */
  String shapeText() {
    return shapeText(dims);
  }

  static String shapeText(int[] dims) {
    return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining(" x "));
  }

  private static String typeName(int type) {
    switch (type) {
      case 0x09:
        return "signed byte";
      case 0x0b:
        return "short";
      case 0x0c:
        return "int";
      case 0x0d:
        return "float";
      case 0x0e:
        return "double";
      default:
        return "not an IDX type";
    }
  }
}
