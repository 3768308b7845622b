package io.qat4j.runtime.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the standard IDX files in a data directory, raw or with {@code .gz}; when the directory or
 * a file is missing, says how to install the data or point elsewhere.
 */
final class DataDirectory {
  private final Path dir;
  private final String installHint;

  /**
   * @param dir the directory to look in
   * @param installHint the sentence that tells how to get the files, appended to every error
   */
  DataDirectory(Path dir, String installHint) {
    this.dir = dir;
    this.installHint = installHint;
  }

  /** Checks that the directory exists. */
  void check() throws DataFileException {
    if (!Files.exists(dir)) {
      throw new DataFileException(dir, "data directory does not exist. " + installHint);
    }
    if (!Files.isDirectory(dir)) {
      throw new DataFileException(dir, "is not a directory. " + installHint);
    }
  }

  /** The file {@code name}, or else {@code name.gz}; prefers the raw file when both exist. */
  Path find(String name) throws DataFileException {
    check();
    Path raw = dir.resolve(name);
    if (Files.exists(raw)) {
      return raw;
    }
    Path gz = dir.resolve(name + ".gz");
    if (Files.exists(gz)) {
      return gz;
    }
    throw new DataFileException(
        dir, "missing file " + name + " (or " + name + ".gz) in this directory. " + installHint);
  }
}
