package io.qat4j.runtime.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files of unsigned bytes (the MNIST format), raw or gzip-compressed; gzip is recognised
 * by its magic bytes 0x1f 0x8b, not by the file name. Every malformation is a {@link
 * DataFileException} naming the file and the problem.
 */
final class IdxReader {
  private static final int GZIP_MAGIC_0 = 0x1f;
  private static final int GZIP_MAGIC_1 = 0x8b;
  private static final int BUFFER = 1 << 16;

  private IdxReader() {}

  /** Reads and validates {@code file}. */
  static IdxArray read(Path file) throws DataFileException {
    if (!Files.exists(file)) {
      throw new DataFileException(file, "file does not exist");
    }
    if (!Files.isRegularFile(file)) {
      throw new DataFileException(file, "is not a regular file");
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
      in.mark(2);
      int b0 = in.read();
      int b1 = in.read();
      in.reset();
      if (b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1) {
        return readGzip(file, in);
      }
      return readRaw(file, in, Files.size(file));
    } catch (DataFileException e) {
      throw e;
    } catch (ZipException e) {
      throw new DataFileException(file, "corrupt gzip data: " + e.getMessage(), e);
    } catch (EOFException e) {
      throw new DataFileException(file, "truncated gzip stream: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new DataFileException(file, "cannot be read: " + e, e);
    }
  }

  /** A raw file: its length is known, so it is checked before anything is allocated. */
  private static IdxArray readRaw(Path file, InputStream in, long fileLength) throws IOException {
    IdxHeader header = IdxHeader.read(in, file);
    long expected = header.elementCount();
    long actual = fileLength - header.length();
    if (actual < expected) {
      throw truncated(file, header, actual);
    }
    if (actual > expected) {
      throw new DataFileException(
          file,
          (actual - expected) + " trailing bytes after the " + expected
              + " data bytes that dimensions " + header.shapeText() + " declare");
    }
    byte[] data = new byte[(int) expected];
    int got = in.readNBytes(data, 0, data.length);
    if (got < data.length) {
      throw truncated(file, header, got);
    }
    if (in.read() >= 0) {
      throw new DataFileException(file, "grew while being read: trailing bytes after the data");
    }
    return new IdxArray(file, header.dims(), data);
  }

  /** A gzip file: the data length is unknown until the stream ends, so read in bounded chunks. */
  private static IdxArray readGzip(Path file, InputStream compressed) throws IOException {
    InputStream in = new GZIPInputStream(compressed, BUFFER);
    IdxHeader header = IdxHeader.read(in, file);
    int expected = header.elementCount();
    byte[] data = BoundedRead.upTo(in, expected);
    if (data.length < expected) {
      throw truncated(file, header, data.length);
    }
    if (in.read() >= 0) {
      throw new DataFileException(
          file,
          "trailing bytes: the decompressed data runs past the " + expected
              + " data bytes that dimensions " + header.shapeText() + " declare");
    }
    return new IdxArray(file, header.dims(), data);
  }

  private static DataFileException truncated(Path file, IdxHeader header, long actual) {
    return new DataFileException(
        file,
        "truncated: dimensions " + header.shapeText() + " need " + header.elementCount()
            + " data bytes but only " + actual + " follow the " + header.length()
            + "-byte header");
  }
}
