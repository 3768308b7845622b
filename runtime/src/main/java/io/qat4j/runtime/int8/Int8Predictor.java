package io.qat4j.runtime.int8;

import io.qat4j.plan.QuantizedGraph;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An int8 model ready to predict from float inputs: quantizes each input with the model's input
 * scale and zero point, runs the {@link Int8Engine}, and dequantizes the output. Thread-safe.
 * The generated {@code <Model>Int8} classes wrap one of these with the shapes of their model.
 */
public final class Int8Predictor {
  private final Int8Model model;
  private final Int8Engine engine;
  private final int inputSize;
  private final int outputSize;

  private Int8Predictor(Int8Model model) {
    this.model = java.util.Objects.requireNonNull(model, "model is null; pass an Int8Model");
    this.engine = new Int8Engine(model);
    this.inputSize = Math.toIntExact(model.inputShape().elements());
    this.outputSize = Math.toIntExact(model.outputShape().elements());
  }

  /** A predictor for {@code model}. */
  public static Int8Predictor of(Int8Model model) {
    return new Int8Predictor(model);
  }

  /**
   * Loads an int8 model file written by {@link Int8ModelFile#write} and checks it against {@code
   * graph}.
   *
   * @throws InvalidModelFileException if the file is corrupt or was converted from another model
   * @throws IOException if it cannot be read
   */
  public static Int8Predictor load(Path file, QuantizedGraph graph) throws IOException {
    return new Int8Predictor(Int8ModelFile.read(file, graph));
  }

  /** The model. */
  public Int8Model model() {
    return model;
  }

  /** The engine that runs it. */
  public Int8Engine engine() {
    return engine;
  }

  /** Values per input example. */
  public int inputSize() {
    return inputSize;
  }

  /** Values per output example. */
  public int outputSize() {
    return outputSize;
  }

  /**
   * The input codes of {@code example}: {@code round(x / scale) + zeroPoint}, saturated.
   *
   * @throws IllegalArgumentException if it is null, its length is not {@link #inputSize()}, or a
   *     value is NaN or infinite
   */
  public byte[] quantize(float[] example) {
    if (example == null) {
      throw new IllegalArgumentException("example is null; pass " + inputSize + " values (shape "
          + model.inputShape() + ")");
    }
    checkLength(example.length);
    QuantParams q = model.input();
    byte[] codes = new byte[example.length];
    for (int i = 0; i < example.length; i++) {
      if (!Float.isFinite(example[i])) {
        throw new IllegalArgumentException("input value " + i + " is " + example[i] + "; "
            + model.graph().name() + " needs finite inputs");
      }
      codes[i] = q.quantize(example[i]);
    }
    return codes;
  }

  /**
   * The real values of output codes.
   *
   * @throws IllegalArgumentException if there are not {@link #outputSize()} codes
   */
  public float[] dequantize(byte[] output) {
    if (output == null || output.length != outputSize) {
      throw new IllegalArgumentException("output has "
          + (output == null ? "no array" : output.length + " codes") + ", but "
          + model.graph().name() + " gives " + outputSize + " (shape " + model.outputShape()
          + ")");
    }
    return model.output().dequantize(output);
  }

  /** Output codes for input codes of one example. */
  public byte[] runQuantized(byte[] example) {
    return engine.run(example);
  }

  /** Output codes for a batch of input codes. */
  public byte[][] runQuantized(byte[][] examples) {
    return engine.run(examples);
  }

  /** The dequantized output for one example. */
  public float[] predict(float[] example) {
    return dequantize(engine.run(quantize(example)));
  }

  /** The dequantized outputs for a batch. */
  public float[][] predict(float[][] examples) {
    byte[][] out = engine.run(quantizeAll(examples));
    float[][] real = new float[out.length][];
    for (int b = 0; b < out.length; b++) {
      real[b] = dequantize(out[b]);
    }
    return real;
  }

  /**
   * The real value of every layer's output for a batch, by int8 layer name, for inspecting how
   * quantization error builds up: each {@code [example][value]}, dequantized with the layer's
   * output scale. A convolution computed together with the MaxPool that reads it has no output
   * of its own and is left out (the pool's is there).
   */
  public java.util.Map<String, float[][]> layerOutputs(float[][] examples) {
    byte[][][] tensors = engine.runTensors(quantizeAll(examples));
    java.util.Map<String, float[][]> out = new java.util.LinkedHashMap<>();
    for (Int8Layer layer : model.layers()) {
      byte[][] codes = tensors[engine.tensorIndex(layer.name())];
      if (codes == null) {
        continue;
      }
      float[][] real = new float[codes.length][];
      for (int b = 0; b < codes.length; b++) {
        real[b] = layer.output().dequantize(codes[b]);
      }
      out.put(layer.name(), real);
    }
    return out;
  }

  /** The index of the largest output (the first, on ties) for one example. */
  public int classify(float[] example) {
    return argMax(engine.run(quantize(example)));
  }

  /** The index of the largest output of each example of a batch. */
  public int[] classify(float[][] examples) {
    byte[][] out = engine.run(quantizeAll(examples));
    int[] classes = new int[out.length];
    for (int b = 0; b < out.length; b++) {
      classes[b] = argMax(out[b]);
    }
    return classes;
  }

  /** The index of the largest code, the first on ties: the arg-max of the real values too. */
  public static int argMax(byte[] codes) {
    int best = 0;
    for (int i = 1; i < codes.length; i++) {
      if (codes[i] > codes[best]) {
        best = i;
      }
    }
    return best;
  }

  private byte[][] quantizeAll(float[][] examples) {
    if (examples == null) {
      throw new IllegalArgumentException("batch is null; pass at least one example of "
          + inputSize + " values (shape " + model.inputShape() + ")");
    }
    if (examples.length == 0) {
      throw new IllegalArgumentException("batch is empty; pass at least one example of "
          + inputSize + " values (shape " + model.inputShape() + ")");
    }
    byte[][] codes = new byte[examples.length][];
    for (int b = 0; b < examples.length; b++) {
      try {
        codes[b] = quantize(examples[b]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("example " + b + ": " + e.getMessage(), e);
      }
    }
    return codes;
  }

  private void checkLength(int length) {
    if (length != inputSize) {
      throw new IllegalArgumentException("input has " + length + " values, but "
          + model.graph().name() + " takes " + inputSize + " (shape " + model.inputShape() + ")");
    }
  }
}
