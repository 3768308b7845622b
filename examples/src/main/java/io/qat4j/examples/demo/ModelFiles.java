package io.qat4j.examples.demo;

import io.qat4j.examples.models.FashionCnnInt8;
import io.qat4j.runtime.graph.NamedParam;
import io.qat4j.runtime.qat.TrainableModel;
import io.qat4j.runtime.train.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The float32 and int8 files of the trained model, and their sizes.
 *
 * @param float32 the float model's parameters and statistics, as a qat4j checkpoint
 * @param float32Bytes its size
 * @param int8 the int8 model file
 * @param int8Bytes its size
 */
public record ModelFiles(Path float32, long float32Bytes, Path int8, long int8Bytes) {
  /** Writes both files into {@code directory}. */
  public static ModelFiles write(TrainableModel floatModel, FashionCnnInt8 int8, Path directory)
      throws IOException {
    Files.createDirectories(directory);
    Map<String, INDArray> tensors = new LinkedHashMap<>();
    for (NamedParam p : floatModel.tensors()) {
      tensors.put(p.name(), p.param().value());
    }
    Path floatFile = directory.resolve("fashion-cnn-float32.ckpt");
    new Checkpoint(floatModel.graph().name(), 0, 0, 0, 0, tensors).write(floatFile);
    Path int8File = directory.resolve("fashion-cnn-int8.qat4j");
    int8.save(int8File);
    return new ModelFiles(floatFile, Files.size(floatFile), int8File, Files.size(int8File));
  }

  /** Size of the int8 file over the float32 file. */
  public double ratio() {
    return int8Bytes / (double) float32Bytes;
  }
}
