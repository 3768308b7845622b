package io.qat4j.runtime.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file or directory that is missing or malformed. The message names the path and what is
 * wrong with it, and for a missing data set also how to install it.
 */
public final class DataFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path path;

  /**
   * @param path the file or directory at fault
   * @param problem what is wrong, as a sentence fragment that follows the path
   */
  public DataFileException(Path path, String problem) {
    super(path + ": " + problem);
    this.path = path;
  }

  /**
   * @param path the file or directory at fault
   * @param problem what is wrong, as a sentence fragment that follows the path
   * @param cause the lower-level failure
   */
  public DataFileException(Path path, String problem, Throwable cause) {
    super(path + ": " + problem, cause);
    this.path = path;
  }

  /** The file or directory at fault. */
  public Path path() {
    return path;
  }
}
