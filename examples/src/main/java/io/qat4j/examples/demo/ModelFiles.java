package io.qat4j.examples.demo;

import io.qat4j.runtime.int8.Int8Model;
import io.qat4j.runtime.int8.Int8ModelFile;
import io.qat4j.runtime.qat.TrainableModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The float32 and int8 files of the trained model, and their sizes.
 *
 * @param float32 the float model's parameters and statistics, as a qat4j checkpoint
 * @param float32Bytes its size
 * @param int8 the int8 model file
 * @param int8Bytes its size
 */
public record ModelFiles(Path float32, long float32Bytes, Path int8, long int8Bytes) {
  /** Writes both files where {@code options} puts them. */
  public static ModelFiles write(TrainableModel floatModel, Int8Model int8, DemoOptions options)
      throws IOException {
    Path floatFile = options.file("float32", ".ckpt");
    TrainedModelFile.write(floatModel, floatFile);
    Path int8File = options.file("int8", ".qat4j");
    Int8ModelFile.write(int8, int8File);
    return new ModelFiles(floatFile, Files.size(floatFile), int8File, Files.size(int8File));
  }

  /** Size of the int8 file over the float32 file. */
  public double ratio() {
    return int8Bytes / (double) float32Bytes;
  }
}
