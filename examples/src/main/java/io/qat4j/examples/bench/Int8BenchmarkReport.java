package io.qat4j.examples.bench;

import io.qat4j.examples.models.FashionCnnQuantized;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the {@link Int8Benchmark} results from JMH's CSV ({@code -rf csv}): per batch size and
 * form, µs per call with JMH's 99.9% error, ms per image, images/s, GMAC/s (FashionCnn's
 * 4,241,152 multiply-accumulates per image over the time per image), and qat4j int8's time as a
 * ratio of each other form's.
 */
public final class Int8BenchmarkReport {
  private Int8BenchmarkReport() {}

  /** Reads the CSV named by the first argument and prints the table. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: Int8BenchmarkReport RESULTS.csv (JMH's -rf csv -rff output)");
      System.exit(2);
    }
    Map<String, double[]> scores = read(Path.of(args[0]));
    long macs = FashionCnnQuantized.summary().totalMacs();
    System.out.println(String.format(Locale.ROOT, "%-6s %-9s %20s %12s %10s %8s", "batch",
        "form", "us / call (±99.9%)", "ms / image", "images/s", "GMAC/s"));
    for (String batch : new String[] {"1", "64"}) {
      double[] int8 = score(scores, "int8", batch);
      double[] fp32 = score(scores, "floatNd4j", batch);
      double[] ortInt8 = score(scores, "onnxInt8", batch);
      double[] ortFloat = score(scores, "onnxFloat", batch);
      int n = Integer.parseInt(batch);
      row(n, "int8", int8, macs);
      row(n, "float", fp32, macs);
      row(n, "ORT int8", ortInt8, macs);
      row(n, "ORT float", ortFloat, macs);
      System.out.println(String.format(Locale.ROOT,
          "batch %s: time of qat4j int8 over ND4J float %.2f, over ONNX Runtime int8 %.2f, over"
              + " ONNX Runtime float %.2f", batch, int8[0] / fp32[0], int8[0] / ortInt8[0],
          int8[0] / ortFloat[0]));
    }
  }

  /** Score and error by {@code method@batch}, from the CSV JMH writes. */
  static Map<String, double[]> read(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    Map<String, double[]> out = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.replace("\"", "").split(",");
      if (f.length < 8) {
        continue;
      }
      String method = f[0].substring(f[0].lastIndexOf('.') + 1);
      out.put(method + "@" + f[7].trim(),
          new double[] {Double.parseDouble(f[4]), Double.parseDouble(f[5])});
    }
    return out;
  }

  private static double[] score(Map<String, double[]> scores, String method, String batch) {
    double[] s = scores.get(method + "@" + batch);
    if (s == null) {
      throw new IllegalStateException("no result for " + method + " at batch " + batch
          + "; run the whole Int8Benchmark");
    }
    return s;
  }

  private static void row(int batch, String form, double[] score, long macs) {
    double perImageMs = score[0] / 1000 / batch;
    System.out.println(String.format(Locale.ROOT, "%-6d %-9s %12.1f ± %6.1f %12.4f %10.0f %8.1f",
        batch, form, score[0], score[1], perImageMs, 1000 / perImageMs,
        macs / (perImageMs * 1e-3) / 1e9));
  }
}
