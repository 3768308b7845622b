package io.qat4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stages of the command line run one at a time, each picking up the files the one before
 * wrote in {@code --out}, on real Fashion-MNIST shortened to 2,000 training images (one float
 * and one QAT epoch): train, calibrate, convert (QAT and PTQ), evaluate, export, bench.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StageCommandsTest {
  @TempDir static Path out;

  private static String run(String... args) {
    String[] common = {"--out", out.toString(), "--train-limit", "2000", "--epochs", "1",
        "--qat-epochs", "1"};
    String[] all = new String[args.length + common.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(common, 0, all, args.length, common.length);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status = Main.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), all);
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, printed);
    return printed;
  }

  @Test
  @Order(1)
  void trainWritesTheFloatAndQatCheckpoints() {
    String printed = run("train");
    assertTrue(printed.contains("float: test top-1"), printed);
    assertTrue(Files.exists(out.resolve("fashion-cnn-float32.ckpt")));
    assertTrue(Files.exists(out.resolve("fashion-cnn-qat.ckpt")));
  }

  @Test
  @Order(2)
  void calibrateWritesThePtqCheckpoint() {
    assertTrue(run("calibrate").contains("PTQ (fake-quant): test top-1"));
    assertTrue(Files.exists(out.resolve("fashion-cnn-ptq.ckpt")));
  }

  @Test
  @Order(3)
  void convertWritesAnInt8FileFromEitherCheckpoint() {
    assertTrue(run("convert").contains("fashion-cnn-int8.qat4j"));
    assertTrue(run("convert", "--from", "ptq").contains("fashion-cnn-ptq-int8.qat4j"));
  }

  @Test
  @Order(4)
  void evaluatePrintsTheInt8Accuracy() {
    String printed = run("evaluate");
    // One short epoch on 2,000 images still reaches well above chance (10%).
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("int8 test top-1 ([0-9.]+)%").matcher(printed);
    assertTrue(m.find(), printed);
    assertTrue(Double.parseDouble(m.group(1)) > 40, printed);
  }

  @Test
  @Order(5)
  void exportWritesTheOnnxFileAndChecksItInOnnxRuntime() {
    String printed = run("export");
    assertTrue(printed.contains("run by ONNX Runtime: top-1"), printed);
    assertTrue(Files.exists(out.resolve("fashion-cnn-int8.onnx")));
  }

  @Test
  @Order(6)
  void benchTimesTheInt8AndFloatModels() {
    String printed = run("bench");
    assertTrue(printed.contains("int8 batch 1") && printed.contains("float (ND4J) batch 1"),
        printed);
  }
}
