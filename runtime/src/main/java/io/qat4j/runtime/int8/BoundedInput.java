package io.qat4j.runtime.int8;

import io.qat4j.model.Shape;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Big-endian reads from a checked payload that never go past its end and never allocate more
 * than the bytes that are left: every length is checked against {@link #remaining} first, and
 * every failure is an {@link InvalidModelFileException} saying which field was being read.
 */
final class BoundedInput {
  private final ByteBuffer buffer;
  private final Path file;

  /** Reads {@code bytes[start, end)}; {@code file} names the source in messages (or null). */
  BoundedInput(byte[] bytes, int start, int end, Path file) {
    this.buffer = ByteBuffer.wrap(bytes, start, end - start).slice();
    this.file = file;
  }

  /** Bytes not read yet. */
  int remaining() {
    return buffer.remaining();
  }

  /** An exception about this input. */
  InvalidModelFileException error(String problem) {
    return new InvalidModelFileException(file, problem);
  }

  private void need(long bytes, String what) throws InvalidModelFileException {
    if (bytes < 0) {
      throw error(what + " has a negative size, " + bytes + "; the file is corrupt, convert the"
          + " model again");
    }
    if (bytes > buffer.remaining()) {
      throw error("the payload ends inside " + what + " at payload byte " + buffer.position()
          + ": it needs " + bytes + " more bytes but " + buffer.remaining() + " remain; the file"
          + " is corrupt, convert the model again");
    }
  }

  /** An unsigned byte. */
  int u8(String what) throws InvalidModelFileException {
    need(1, what);
    return Byte.toUnsignedInt(buffer.get());
  }

  /** A byte that must be 0 (false) or 1 (true). */
  boolean flag(String what) throws InvalidModelFileException {
    int b = u8(what);
    if (b > 1) {
      throw error(what + " is stored as " + b + ", but a flag is 0 or 1; the file is corrupt,"
          + " convert the model again");
    }
    return b == 1;
  }

  /** A 32-bit int. */
  int i32(String what) throws InvalidModelFileException {
    need(4, what);
    return buffer.getInt();
  }

  /** A 64-bit float. */
  double f64(String what) throws InvalidModelFileException {
    need(8, what);
    return buffer.getDouble();
  }

  /** A string: its byte length (at most {@link ModelFileFormat#MAX_STRING_BYTES}), then UTF-8. */
  String string(String what) throws InvalidModelFileException {
    int length = i32(what + " length");
    if (length < 0 || length > ModelFileFormat.MAX_STRING_BYTES) {
      throw error(what + " is " + length + " bytes long, but names are 0 to "
          + ModelFileFormat.MAX_STRING_BYTES + " bytes; the file is corrupt, convert the model"
          + " again");
    }
    need(length, what);
    ByteBuffer text = buffer.slice().limit(length);
    buffer.position(buffer.position() + length);
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(text);
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw error(what + " is not valid UTF-8; the file is corrupt, convert the model again");
    }
  }

  /** {@code count} strings. */
  List<String> strings(int count, String what) throws InvalidModelFileException {
    need(4L * count, what); // each string has at least its length
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(string(what + " " + i));
    }
    return out;
  }

  /** {@code length} raw bytes; {@code length} must be checked as an expected size by the caller. */
  byte[] bytes(int length, String what) throws InvalidModelFileException {
    need(length, what);
    byte[] out = new byte[length];
    buffer.get(out);
    return out;
  }

  /** {@code length} ints; {@code length} must be checked as an expected size by the caller. */
  int[] ints(int length, String what) throws InvalidModelFileException {
    need(4L * length, what);
    int[] out = new int[length];
    buffer.asIntBuffer().get(out);
    buffer.position(buffer.position() + 4 * length);
    return out;
  }

  /** A shape: rank in [1, {@link ModelFileFormat#MAX_RANK}], then that many positive dims. */
  Shape shape(String what) throws InvalidModelFileException {
    int rank = i32(what + " rank");
    if (rank < 1 || rank > ModelFileFormat.MAX_RANK) {
      throw error(what + " has rank " + rank + ", but shapes have rank 1 to "
          + ModelFileFormat.MAX_RANK + "; the file is corrupt, convert the model again");
    }
    need(4L * rank, what);
    int[] dims = new int[rank];
    for (int i = 0; i < rank; i++) {
      dims[i] = buffer.getInt();
      if (dims[i] <= 0) {
        throw error(what + " has dimension " + dims[i] + " on axis " + i + ", but dimensions are"
            + " positive; the file is corrupt, convert the model again");
      }
    }
    return Shape.of(dims);
  }

  /** Fails unless everything was read. */
  void requireEnd(String after) throws InvalidModelFileException {
    if (buffer.hasRemaining()) {
      throw error(buffer.remaining() + " bytes follow " + after + ", where the payload should"
          + " end; the file is corrupt, convert the model again");
    }
  }
}
