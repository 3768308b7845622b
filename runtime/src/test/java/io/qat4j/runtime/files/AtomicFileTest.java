package io.qat4j.runtime.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AtomicFile}: whole replacement, the directory made, ordinary permissions, no debris. */
class AtomicFileTest {
  @TempDir Path dir;

  @Test
  void writesIntoADirectoryItCreates() throws IOException {
    Path file = dir.resolve("a/b/model.bin");
    AtomicFile.write(file, new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
  }

  @Test
  void replacesAnOlderFileAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("model.bin");
    AtomicFile.write(file, new byte[] {1, 2, 3, 4});
    AtomicFile.write(file, new byte[] {9});
    assertArrayEquals(new byte[] {9}, Files.readAllBytes(file));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void theFileHasThePermissionsOfAnyNewFileNotOwnerOnly() throws IOException {
    Path plain = Files.write(dir.resolve("plain.bin"), new byte[] {1});
    Path atomic = dir.resolve("atomic.bin");
    AtomicFile.write(atomic, new byte[] {1});
    assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
        PosixFilePermissions.toString(Files.getPosixFilePermissions(atomic)));
  }

  @Test
  void aTargetThatIsADirectoryFailsAndLeavesNoTemporaryFile() throws IOException {
    Path target = Files.createDirectory(dir.resolve("taken"));
    Files.write(target.resolve("inside"), new byte[] {1});
    assertThrows(IOException.class, () -> AtomicFile.write(target, new byte[] {1}));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }
}
