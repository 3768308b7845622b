package io.qat4j.examples.tutorial;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads marked regions out of Java sources and fenced code blocks out of Markdown: what ties the
 * README's tutorial to compiled code.
 */
final class Snippets {
  private static final Pattern START = Pattern.compile("^\\s*// tutorial:(\\S+)\\s*$");
  private static final Pattern END = Pattern.compile("^\\s*// end:(\\S+)\\s*$");

  private Snippets() {}

  /**
   * The regions of {@code source} by name, in order: the lines strictly between {@code //
   * tutorial:NAME} and {@code // end:NAME}, common indentation stripped.
   *
   * @throws IllegalArgumentException if a marker is unmatched, nested or a name repeats
   */
  static Map<String, String> regions(String source) {
    Map<String, String> regions = new LinkedHashMap<>();
    String open = null;
    List<String> body = new ArrayList<>();
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher start = START.matcher(lines[i]);
      Matcher end = END.matcher(lines[i]);
      if (start.matches()) {
        if (open != null) {
          throw new IllegalArgumentException("line " + (i + 1) + ": region " + start.group(1)
              + " starts inside region " + open);
        }
        open = start.group(1);
        body.clear();
      } else if (end.matches()) {
        if (!end.group(1).equals(open)) {
          throw new IllegalArgumentException("line " + (i + 1) + ": end:" + end.group(1)
              + " does not close " + (open == null ? "any region" : "region " + open));
        }
        if (regions.put(open, stripIndent(body)) != null) {
          throw new IllegalArgumentException("line " + (i + 1) + ": region " + open + " repeats");
        }
        open = null;
      } else if (open != null) {
        body.add(lines[i]);
      }
    }
    if (open != null) {
      throw new IllegalArgumentException("region " + open + " is never closed");
    }
    return regions;
  }

  /** {@code lines} joined by newlines, less the indentation all non-blank lines share. */
  static String stripIndent(List<String> lines) {
    int common = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) {
        common = Math.min(common, line.length() - line.stripLeading().length());
      }
    }
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      out.add(line.isBlank() ? "" : line.substring(common).stripTrailing());
    }
    return String.join("\n", out);
  }

  /**
   * The part of {@code markdown} under the level-2 heading {@code heading} (the heading line
   * excluded), up to the next level-2 heading.
   *
   * @throws IllegalArgumentException if there is no such heading
   */
  static String section(String markdown, String heading) {
    List<String> out = new ArrayList<>();
    boolean inside = false;
    boolean found = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.startsWith("## ")) {
        inside = line.equals("## " + heading);
        found |= inside;
      } else if (inside) {
        out.add(line);
      }
    }
    if (!found) {
      throw new IllegalArgumentException("no heading '## " + heading + "'");
    }
    return String.join("\n", out);
  }

  /**
   * The contents of the fenced blocks opened by {@code ```language} in {@code markdown}, in order.
   *
   * @throws IllegalArgumentException if a block is never closed
   */
  static List<String> codeBlocks(String markdown, String language) {
    List<String> blocks = new ArrayList<>();
    List<String> body = null;
    boolean inOtherBlock = false;
    for (String line : markdown.split("\n", -1)) {
      if (body != null) {
        if (line.equals("```")) {
          blocks.add(String.join("\n", body));
          body = null;
        } else {
          body.add(line);
        }
      } else if (inOtherBlock) {
        inOtherBlock = !line.equals("```");
      } else if (line.equals("```" + language)) {
        body = new ArrayList<>();
      } else if (line.startsWith("```")) {
        inOtherBlock = true;
      }
    }
    if (body != null || inOtherBlock) {
      throw new IllegalArgumentException("a code block is never closed");
    }
    return blocks;
  }
}
