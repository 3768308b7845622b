package io.qat4j.examples.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reader of marked regions and code blocks, on small inputs. */
class SnippetsTest {
  @Test
  void regionIsTheLinesBetweenItsMarkersWithCommonIndentationStripped() {
    String source = String.join("\n",
        "class A {",
        "  // tutorial:m",
        "  void m() {",
        "    run();",
        "  }",
        "  // end:m",
        "}");
    assertEquals(Map.of("m", "void m() {\n  run();\n}"), Snippets.regions(source));
  }

  @Test
  void regionsKeepTheirOrder() {
    String source = "// tutorial:b\nb\n// end:b\n// tutorial:a\na\n// end:a\n";
    assertEquals(List.of("b", "a"), List.copyOf(Snippets.regions(source).keySet()));
  }

  @Test
  void blankLinesInsideARegionDoNotCountForIndentation() {
    assertEquals("x\n\ny", Snippets.stripIndent(List.of("    x", "", "    y")));
  }

  @Test
  void unclosedRegionIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Snippets.regions("// tutorial:a\nx\n"));
  }

  @Test
  void endOfAnotherRegionIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> Snippets.regions("// tutorial:a\nx\n// end:b\n"));
  }

  @Test
  void nestedRegionIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> Snippets.regions("// tutorial:a\n// tutorial:b\n// end:b\n// end:a\n"));
  }

  @Test
  void repeatedRegionNameIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> Snippets.regions("// tutorial:a\n// end:a\n// tutorial:a\n// end:a\n"));
  }

  @Test
  void sectionEndsAtTheNextLevelTwoHeadingButNotAtALevelThreeOne() {
    String md = "# T\n## One\na\n### Sub\nb\n## Two\nc\n";
    assertEquals("a\n### Sub\nb", Snippets.section(md, "One"));
  }

  @Test
  void missingSectionIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Snippets.section("## One\n", "Two"));
  }

  @Test
  void codeBlocksOfOneLanguageOnly() {
    String md = "```java\nint a;\n```\n```text\nx\n```\n```java\nint b;\nint c;\n```\n";
    assertEquals(List.of("int a;", "int b;\nint c;"), Snippets.codeBlocks(md, "java"));
  }

  @Test
  void aJavaFenceInsideAnotherBlockIsNotABlock() {
    String md = "```markdown\n```java\n```\n";
    assertEquals(List.of(), Snippets.codeBlocks(md, "java"));
  }

  @Test
  void unclosedCodeBlockIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> Snippets.codeBlocks("```java\nint a;\n", "java"));
  }
}
