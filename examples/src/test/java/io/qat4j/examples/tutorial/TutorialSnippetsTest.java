package io.qat4j.examples.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's tutorial shows compiled code only: each marked region of the tutorial sources is a
 * {@code java} block of the tutorial, verbatim, and each such block is a region, in the same order.
 */
class TutorialSnippetsTest {
  static final String TUTORIAL = "Tutorial";

  /** Every marked region of the tutorial sources by name, in tutorial order. */
  static Map<String, String> regions() {
    Map<String, String> all = new LinkedHashMap<>();
    for (Path source : TutorialFiles.markedSources()) {
      try {
        all.putAll(Snippets.regions(Files.readString(source, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return all;
  }

  static Stream<String> regionNames() {
    return regions().keySet().stream();
  }

  private static List<String> tutorialJavaBlocks() throws IOException {
    return Snippets.codeBlocks(Snippets.section(TutorialFiles.readme(), TUTORIAL), "java");
  }

  @ParameterizedTest
  @MethodSource("regionNames")
  void everyMarkedRegionIsAJavaBlockOfTheTutorial(String name) throws IOException {
    String region = regions().get(name);
    assertTrue(tutorialJavaBlocks().contains(region),
        "README's tutorial has no ```java block equal to region " + name + ":\n" + region);
  }

  @Test
  void everyJavaBlockOfTheTutorialIsAMarkedRegion() throws IOException {
    List<String> unmarked = new ArrayList<>(tutorialJavaBlocks());
    unmarked.removeAll(regions().values());
    assertEquals(List.of(), unmarked, "```java blocks of the tutorial that no source marks");
  }

  @Test
  void blocksComeInTheOrderOfTheRegions() throws IOException {
    assertEquals(List.copyOf(regions().values()), tutorialJavaBlocks());
  }

  /** Guards the two tests above against passing on nothing: every step has its region. */
  @Test
  void everyStepOfTheTutorialHasARegion() {
    assertEquals(List.of("model", "mistake", "data", "train-float", "train-qat", "int8",
        "predict", "onnx"), List.copyOf(regions().keySet()));
  }

  @Test
  void tutorialComesBeforeTheArchitecture() throws IOException {
    String readme = TutorialFiles.readme();
    int tutorial = readme.indexOf("\n## " + TUTORIAL + "\n");
    int architecture = readme.indexOf("\n## Architecture\n");
    assertTrue(tutorial > 0 && tutorial < architecture,
        "## Tutorial at " + tutorial + ", ## Architecture at " + architecture);
  }
}
