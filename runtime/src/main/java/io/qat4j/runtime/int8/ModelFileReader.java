package io.qat4j.runtime.int8;

import io.qat4j.plan.QuantizedGraph;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes a whole model file: the envelope first (magic, version, length, checksum), then the
 * payload, checked field by field against the graph the caller expects.
 */
final class ModelFileReader {
  private final BoundedInput in;
  private final ExpectedModel expected;
  private final LayerReader layers;

  private ModelFileReader(BoundedInput in, ExpectedModel expected) {
    this.in = in;
    this.expected = expected;
    this.layers = new LayerReader(in, expected.name());
  }

  /** The model in {@code bytes}, a whole file; {@code file} names it in messages, or is null. */
  static Int8Model decode(byte[] bytes, QuantizedGraph graph, Path file)
      throws InvalidModelFileException {
    byte[] head = Arrays.copyOf(bytes, Math.min(bytes.length, ModelFileFormat.HEADER_BYTES));
    int payload = ModelFileEnvelope.payloadLength(head, bytes.length, file);
    ModelFileEnvelope.checkCrc(bytes, file);
    ExpectedModel expected = ExpectedModel.of(graph, file);
    int start = ModelFileFormat.HEADER_BYTES;
    return new ModelFileReader(new BoundedInput(bytes, start, start + payload, file), expected)
        .model();
  }

  private Int8Model model() throws InvalidModelFileException {
    String name = in.string("the model name");
    if (!name.equals(expected.name())) {
      throw in.error("it was written for model " + name + ", but the caller expects model "
          + expected.name() + "; load it with " + name + "'s graph, or convert "
          + expected.name() + " and load its own file");
    }
    layers.shape("the input shape", expected.graph().input());
    QuantParams input = layers.quant("the input quantization");
    String output = in.string("the output tensor name");
    if (!output.equals(expected.outputTensor())) {
      throw layers.mismatch("its output is '" + output + "', but model " + name + " outputs '"
          + expected.outputTensor() + "'");
    }
    int count = in.i32("the layer count");
    if (count != expected.layers().size()) {
      throw layers.mismatch("it holds " + count + " layers, but model " + name + " runs "
          + expected.layers().size() + " int8 layers " + expected.layerNames());
    }
    List<Int8Layer> read = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      read.add(layers.read(i, expected.layers().get(i)));
    }
    in.requireEnd("the last layer");
    return layers.build("the model", () -> new Int8Model(expected.graph(), input, read, output));
  }
}
