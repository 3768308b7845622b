package io.qat4j.examples.cli;

import io.qat4j.examples.demo.DemoOptions;
import io.qat4j.examples.demo.TrainedModelFile;
import io.qat4j.runtime.int8.Int8Predictor;
import java.io.IOException;
import java.nio.file.Path;

/** Loading the int8 file a command works on, with an error that says how to make it. */
final class Int8Files {
  private Int8Files() {}

  static Int8Predictor load(Path file, DemoOptions options) throws IOException {
    TrainedModelFile.requireWritten(file, "qat4j convert");
    return Int8Predictor.load(file, options.model().graph());
  }
}
