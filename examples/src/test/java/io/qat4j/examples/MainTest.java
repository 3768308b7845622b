package io.qat4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void mainJobPrintsTheSummaryOfEveryBundledModel() {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      Main.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("Model FashionCnn, input [1, 28, 28]"), out);
    assertTrue(out.contains("Model MobileNetMini, input [1, 28, 28]"), out);
    assertTrue(out.contains("421,930"), "FashionCnn total parameters in:\n" + out);
  }
}
