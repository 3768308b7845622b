package io.qat4j.runtime.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a whole file so that a crash leaves either the old file or the new one, never a torn
 * one: the bytes go to a temporary file in the same directory, are forced to disk, and the
 * temporary file is renamed over the target.
 */
public final class AtomicFile {
  private AtomicFile() {}

  /** Replaces {@code file} with {@code bytes}, creating its directory if needed. */
  public static void write(Path file, byte[] bytes) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // Not Files.createTempFile: its owner-only permissions would stay on the renamed file, a
    // surprise for a model or report meant to be shared. A new file takes the umask's.
    Path temp = dir.resolve("." + file.getFileName() + "."
        + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    try {
      try (ch) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
        ch.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      // Also when the rename fails (say the target is a directory): leave no temporary file.
      Files.deleteIfExists(temp);
      throw e;
    }
  }
}
