package io.qat4j.runtime.train;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A child JVM running {@link CheckpointWriterMain} on the test class path, with the same java
 * binary as this one, that the test can watch and kill.
 */
final class WriterProcess implements AutoCloseable {
  private static final Duration EXIT_WAIT = Duration.ofSeconds(30);
  private final Process process;
  private final Path errors;
  private final Thread reader;
  private final AtomicLong lastWritten = new AtomicLong(-1);

  /** Starts writing checkpoints of {@code length} values to {@code file}, from step {@code first}. */
  WriterProcess(Path file, long first, long length, Path errors) throws IOException {
    this.errors = errors;
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    process = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), CheckpointWriterMain.class.getName(),
        file.toString(), Long.toString(first), Long.toString(length))
        .redirectError(errors.toFile())
        .start();
    reader = new Thread(this::readOutput, "checkpoint-writer-output");
    reader.setDaemon(true);
    reader.start();
  }

  private void readOutput() {
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("wrote ")) {
          lastWritten.set(Long.parseLong(line.substring("wrote ".length())));
        }
      }
    } catch (IOException e) {
      // The stream breaks when the process is killed; what was read stands.
    }
  }

  /** Waits until the process reports having written step {@code step} or a later one. */
  void awaitWritten(long step, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (lastWritten.get() < step) {
      if (!process.isAlive()) {
        fail("the writer exited with " + process.exitValue() + " before writing step " + step
            + ": " + stderr());
      }
      if (System.nanoTime() > deadline) {
        fail("the writer wrote no step " + step + " in " + timeout + ": " + stderr());
      }
      Thread.sleep(5);
    }
  }

  /** Whether the process is still running. */
  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Kills the process with SIGKILL, waits for it to die and for its output to end, and returns
   * the last step it reported written (a write that finished but was not reported yet is
   * possible: the kill can fall between the rename and the print).
   */
  long kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      fail("the writer did not die within " + EXIT_WAIT);
    }
    reader.join(EXIT_WAIT.toMillis());
    return lastWritten.get();
  }

  private String stderr() {
    try {
      return Files.readString(errors);
    } catch (IOException e) {
      return "(no error output: " + e + ")";
    }
  }

  /** Kills the process if a test left it running (say, after a failed assertion). */
  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
