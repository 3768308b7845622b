package io.qat4j.runtime.int8;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An int8 model file that cannot be loaded: not a model file, damaged, truncated, written by a
 * newer format version, or converted from a different model than the one loading it. The message
 * names the file (when there is one), says what is wrong and what to do about it.
 */
public final class InvalidModelFileException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The file, or null for bytes that did not come from a file. */
  private final transient Path file;

  InvalidModelFileException(Path file, String problem) {
    super((file == null ? "Int8 model bytes" : "Int8 model file " + file) + ": " + problem);
    this.file = file;
  }

  /** The file that could not be loaded, if the bytes came from one. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }
}
