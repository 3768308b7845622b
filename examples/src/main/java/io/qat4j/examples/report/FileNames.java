package io.qat4j.examples.report;

import java.util.HashSet;
import java.util.Set;

/** Gives the report's files safe, distinct names. */
final class FileNames {
  private final Set<String> used = new HashSet<>();

  /** {@code name} with every character outside {@code [A-Za-z0-9._-]} replaced by '_'. */
  static String sanitize(String name) {
    String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
    // An empty name, ".", or ".." would not make a usable prefix.
    return safe.isEmpty() || safe.chars().allMatch(ch -> ch == '.') ? "_" + safe : safe;
  }

  /**
   * {@code base + suffix}, or {@code base-2 + suffix} and so on if that name was handed out
   * already: two layers whose names sanitize alike still get a file each.
   */
  String unique(String base, String suffix) {
    String name = base + suffix;
    for (int n = 2; !used.add(name); n++) {
      name = base + "-" + n + suffix;
    }
    return name;
  }
}
