package io.qat4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void mainJobPrintsTheSummaryOfEveryBundledModel() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status = Main.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), "--summary-only");
    assertEquals(0, status);
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("Model FashionCnn, input [1, 28, 28]"), out);
    assertTrue(out.contains("Model MobileNetMini, input [1, 28, 28]"), out);
    assertTrue(out.contains("421,930"), "FashionCnn total parameters in:\n" + out);
  }

  @Test
  void missingDataNamesTheDebianPackageAndTheOption() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status =
        Main.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), "--data", "/nonexistent/fm");
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(2, status, out);
    assertTrue(out.contains("dataset-fashion-mnist"), out);
    assertTrue(out.contains("/nonexistent/fm"), out);
  }
}
