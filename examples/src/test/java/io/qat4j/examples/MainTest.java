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
    int status = Main.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), "summary");
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

  private static String[] runAndCapture(int expectedStatus, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status = Main.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), args);
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(expectedStatus, status, out);
    return new String[] {out};
  }

  @Test
  void helpListsEveryStage() {
    String out = runAndCapture(0, "--help")[0];
    for (String command : new String[] {"summary", "train", "calibrate", "convert", "evaluate",
        "export", "bench"}) {
      assertTrue(out.contains("  " + command + " "), command + " in\n" + out);
    }
    assertTrue(out.contains("--model") && out.contains("--out"), out);
  }

  @Test
  void summaryOfOneModelPrintsOnlyThatModel() {
    String out = runAndCapture(0, "summary", "--model", "mobilenet-mini")[0];
    assertTrue(out.contains("Model MobileNetMini"), out);
    assertTrue(!out.contains("Model FashionCnn"), out);
  }

  @Test
  void anUnknownModelIsAnInputErrorListingTheBundledOnes() {
    String out = runAndCapture(2, "summary", "--model", "resnet")[0];
    assertTrue(out.contains("error: no bundled model 'resnet'; choose one of fashion-cnn,"
        + " mobilenet-mini"), out);
  }

  @Test
  void convertWithoutATrainedCheckpointSaysWhichCommandWritesIt(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    String out = runAndCapture(2, "convert", "--out", dir.toString())[0];
    assertTrue(out.contains("fashion-cnn-qat.ckpt") && out.contains("'qat4j train' writes it"),
        out);
  }

  @Test
  void evaluateWithoutAnInt8FileSaysWhichCommandWritesIt(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    String out = runAndCapture(2, "evaluate", "--out", dir.toString())[0];
    assertTrue(out.contains("fashion-cnn-int8.qat4j")
        && out.contains("'qat4j convert' writes it"), out);
  }

  @Test
  void anOptionOutOfRangeIsAnInputError() {
    String out = runAndCapture(2, "train", "--epochs", "0")[0];
    assertTrue(out.contains("--epochs must be at least 1, got 0"), out);
  }
}
