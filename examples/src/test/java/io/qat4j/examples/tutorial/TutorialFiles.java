package io.qat4j.examples.tutorial;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the README and the tutorial's sources are, from any working directory inside the repo. */
final class TutorialFiles {
  private static final String PACKAGE = "io/qat4j/examples/tutorial/";

  private TutorialFiles() {}

  /**
   * The repository root: the nearest directory, from the working directory up, holding README.md
   * beside the examples module (so a README.md of a module's own would not be taken for it).
   */
  static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("README.md"))
          && Files.isDirectory(dir.resolve("examples/src/main/java/" + PACKAGE))) {
        return dir;
      }
    }
    throw new IllegalStateException("no README.md beside examples/ above "
        + Path.of("").toAbsolutePath());
  }

  /** The README's text. */
  static String readme() throws IOException {
    return Files.readString(root().resolve("README.md"), StandardCharsets.UTF_8);
  }

  /** A tutorial source of the main tree, e.g. {@code TutorialSteps.java}. */
  static Path mainSource(String fileName) {
    return root().resolve("examples/src/main/java/" + PACKAGE + fileName);
  }

  /** A tutorial source of the test tree, e.g. {@code BrokenTutorialNet.java}. */
  static Path testSource(String fileName) {
    return root().resolve("examples/src/test/java/" + PACKAGE + fileName);
  }

  /** Every source whose marked regions the README shows, in tutorial order. */
  static List<Path> markedSources() {
    return List.of(mainSource("TutorialNet.java"), testSource("BrokenTutorialNet.java"),
        mainSource("TutorialSteps.java"));
  }
}
