package io.qat4j.examples.report;

import java.util.Locale;

/**
 * Formats the report's numbers. The console table and the markdown go through the same methods,
 * so they always show the same strings.
 */
final class Figures {
  /** What a missing figure shows. */
  static final String MISSING = "—";

  private Figures() {}

  /** A fraction as a percentage with two decimals: {@code 0.9143 → "91.43%"}. */
  static String percent(double fraction) {
    return Double.isFinite(fraction)
        ? String.format(Locale.ROOT, "%.2f%%", 100 * fraction)
        : MISSING;
  }

  /** A size with thousands separators: {@code 1688220 → "1,688,220 B"}; negative is missing. */
  static String bytes(long bytes) {
    return bytes >= 0 ? String.format(Locale.ROOT, "%,d B", bytes) : MISSING;
  }

  /** A latency with three decimals: {@code "0.143 ms"}. */
  static String millis(double millis) {
    return Double.isFinite(millis) ? String.format(Locale.ROOT, "%.3f ms", millis) : MISSING;
  }

  /** An SQNR with one decimal; "exact" for +∞. */
  static String decibels(double db) {
    if (db == Double.POSITIVE_INFINITY) {
      return "exact";
    }
    if (db == Double.NEGATIVE_INFINITY) {
      return "−∞ dB";
    }
    return Double.isNaN(db) ? MISSING : String.format(Locale.ROOT, "%.1f dB", db);
  }

  /** A weight with four significant digits. */
  static String weight(float w) {
    return String.format(Locale.ROOT, "%.4g", w);
  }
}
