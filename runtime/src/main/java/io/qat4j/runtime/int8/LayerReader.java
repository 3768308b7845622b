package io.qat4j.runtime.int8;

import io.qat4j.annotation.Padding;
import io.qat4j.model.Shape;
import io.qat4j.runtime.layers.ConvGeometry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Decodes layer records, checking each field against what the expected graph requires as soon as
 * it is read, so that no array is allocated before its length is known to be the one the graph
 * implies.
 */
final class LayerReader {
  private final BoundedInput in;
  private final String model;

  LayerReader(BoundedInput in, String model) {
    this.in = in;
    this.model = model;
  }

  /** The record of int8 layer {@code index}, which must run {@code expected}. */
  Int8Layer read(int index, ExpectedLayer expected) throws InvalidModelFileException {
    int tag = in.u8("the kind tag of layer " + index);
    String record = ModelFileFormat.recordName(tag);
    if (record == null) {
      throw in.error("layer " + index + " has kind tag " + tag + ", which no int8 layer has;"
          + " the file is corrupt, convert the model again");
    }
    String name = in.string("the name of layer " + index);
    if (!name.equals(expected.name())) {
      throw mismatch("int8 layer " + index + " is '" + name + "' in the file, but model " + model
          + " runs '" + expected.name() + "' there");
    }
    String what = "layer '" + name + "'";
    if (tag != expected.tag()) {
      throw mismatch(what + " is an " + record + " in the file, but model " + model + " declares"
          + " it as " + expected.kindName() + ", which runs as "
          + ModelFileFormat.recordName(expected.tag()));
    }
    int count = in.i32(what + " input count");
    if (count != expected.inputs().size()) {
      throw mismatch(what + " reads " + count + " inputs in the file, but "
          + expected.inputs().size() + " in model " + model);
    }
    List<String> inputs = in.strings(count, what + " input");
    if (!inputs.equals(expected.inputs())) {
      throw mismatch(what + " reads " + inputs + " in the file, but " + expected.inputs()
          + " in model " + model + " (where a folded or fused layer is read as its anchor)");
    }
    return switch (tag) {
      case ModelFileFormat.TAG_CONV -> conv(what, expected, inputs);
      case ModelFileFormat.TAG_DENSE -> dense(what, expected, inputs);
      case ModelFileFormat.TAG_POOL -> pool(what, expected, inputs);
      case ModelFileFormat.TAG_ADD -> add(what, expected, inputs);
      case ModelFileFormat.TAG_CONCAT -> concat(what, expected, inputs);
      case ModelFileFormat.TAG_RESHAPE -> reshape(what, expected, inputs);
      default -> softmax(what, expected, inputs);
    };
  }

  private Int8Conv conv(String what, ExpectedLayer e, List<String> inputs)
      throws InvalidModelFileException {
    Shape inputShape = shape(what + " input shape", e.inputShape());
    Shape outputShape = outputShape(what, e);
    ConvGeometry geometry = geometry(what, e);
    boolean depthwise = in.flag(what + " depthwise flag");
    if (depthwise != e.depthwise()) {
      throw mismatch(what + " is " + (depthwise ? "a depthwise" : "a plain") + " convolution in"
          + " the file, but model " + model + " declares it as " + e.kindName());
    }
    byte[] weights = in.bytes(length(what + " weights", e.weightCount()), what + " weights");
    int[] bias = ints(what + " bias", e.channels());
    int[] multipliers = ints(what + " multipliers", e.channels());
    int[] shifts = ints(what + " shifts", e.channels());
    int inputZeroPoint = in.i32(what + " input zero point");
    QuantParams output = quant(what + " output quantization");
    int clampMin = in.i32(what + " clamp minimum");
    int clampMax = in.i32(what + " clamp maximum");
    return build(what, () -> new Int8Conv(e.name(), inputs, inputShape, outputShape, geometry,
        depthwise, weights, bias, multipliers, shifts, inputZeroPoint, output, clampMin,
        clampMax));
  }

  private Int8Dense dense(String what, ExpectedLayer e, List<String> inputs)
      throws InvalidModelFileException {
    int inputSize = in.i32(what + " input size");
    if (inputSize != e.inputElements()) {
      throw mismatch(what + " takes " + inputSize + " inputs in the file, but "
          + e.inputElements() + " in model " + model);
    }
    Shape outputShape = outputShape(what, e);
    byte[] weights = in.bytes(length(what + " weights", e.weightCount()), what + " weights");
    int[] bias = ints(what + " bias", e.channels());
    int count = in.i32(what + " multipliers length");
    if (count != 1 && count != e.channels()) {
      throw mismatch(what + " multipliers has " + count + " entries in the file, but model "
          + model + " implies 1 (per tensor) or " + e.channels() + " (per unit)");
    }
    int[] multipliers = in.ints(count, what + " multipliers");
    int[] shifts = ints(what + " shifts", count);
    int inputZeroPoint = in.i32(what + " input zero point");
    QuantParams output = quant(what + " output quantization");
    int clampMin = in.i32(what + " clamp minimum");
    int clampMax = in.i32(what + " clamp maximum");
    return build(what, () -> new Int8Dense(e.name(), inputs, inputSize, outputShape, weights,
        bias, multipliers, shifts, inputZeroPoint, output, clampMin, clampMax));
  }

  private Int8Pool pool(String what, ExpectedLayer e, List<String> inputs)
      throws InvalidModelFileException {
    Shape inputShape = shape(what + " input shape", e.inputShape());
    Shape outputShape = outputShape(what, e);
    boolean average = in.flag(what + " average flag");
    if (average != e.average()) {
      throw mismatch(what + " is " + (average ? "an average" : "a max") + " pool in the file,"
          + " but model " + model + " declares it as " + e.kindName());
    }
    ConvGeometry geometry = geometry(what, e);
    QuantParams output = quant(what + " output quantization");
    return build(what, () -> new Int8Pool(e.name(), inputs, inputShape, outputShape, average,
        geometry, output));
  }

  private Int8Add add(String what, ExpectedLayer e, List<String> inputs)
      throws InvalidModelFileException {
    Shape outputShape = outputShape(what, e);
    int firstZeroPoint = in.i32(what + " first zero point");
    int firstMultiplier = in.i32(what + " first multiplier");
    int firstShift = in.i32(what + " first shift");
    int secondZeroPoint = in.i32(what + " second zero point");
    int secondMultiplier = in.i32(what + " second multiplier");
    int secondShift = in.i32(what + " second shift");
    int leftShift = in.i32(what + " left shift");
    int outputMultiplier = in.i32(what + " output multiplier");
    int outputShift = in.i32(what + " output shift");
    QuantParams output = quant(what + " output quantization");
    int clampMin = in.i32(what + " clamp minimum");
    int clampMax = in.i32(what + " clamp maximum");
    return build(what, () -> new Int8Add(e.name(), inputs, outputShape, firstZeroPoint,
        firstMultiplier, firstShift, secondZeroPoint, secondMultiplier, secondShift, leftShift,
        outputMultiplier, outputShift, output, clampMin, clampMax));
  }

  private Int8Concat concat(String what, ExpectedLayer e, List<String> inputs)
      throws InvalidModelFileException {
    int n = inputs.size();
    int count = in.i32(what + " input shape count");
    if (count != n) {
      throw mismatch(what + " has " + count + " input shapes in the file for its " + n
          + " inputs");
    }
    List<Shape> inputShapes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      inputShapes.add(shape(what + " input shape " + i, e.inputShapes().get(i)));
    }
    int axis = in.i32(what + " axis");
    if (axis != e.concatAxis()) {
      throw mismatch(what + " joins along axis " + axis + " in the file, but along axis "
          + e.concatAxis() + " in model " + model);
    }
    Shape outputShape = outputShape(what, e);
    int[] inputZeroPoints = ints(what + " input zero points", n);
    int[] multipliers = ints(what + " multipliers", n);
    int[] shifts = ints(what + " shifts", n);
    QuantParams output = quant(what + " output quantization");
    return build(what, () -> new Int8Concat(e.name(), inputs, inputShapes, axis, outputShape,
        inputZeroPoints, multipliers, shifts, output));
  }

  private Int8Reshape reshape(String what, ExpectedLayer e, List<String> inputs)
      throws InvalidModelFileException {
    Shape outputShape = outputShape(what, e);
    QuantParams output = quant(what + " output quantization");
    return build(what, () -> new Int8Reshape(e.name(), inputs, outputShape, output));
  }

  private Int8Softmax softmax(String what, ExpectedLayer e, List<String> inputs)
      throws InvalidModelFileException {
    Shape outputShape = outputShape(what, e);
    int[] table = ints(what + " exp table", ModelFileFormat.EXP_TABLE_ENTRIES);
    QuantParams output = quant(what + " output quantization");
    return build(what, () -> new Int8Softmax(e.name(), inputs, outputShape, table, output));
  }

  /** A quantization: scale (f64), then zero point (i32). */
  QuantParams quant(String what) throws InvalidModelFileException {
    double scale = in.f64(what + " scale");
    int zeroPoint = in.i32(what + " zero point");
    return build(what, () -> new QuantParams(scale, zeroPoint));
  }

  /** A shape that must equal {@code expected}. */
  Shape shape(String what, Shape expected) throws InvalidModelFileException {
    Shape actual = in.shape(what);
    if (!actual.equals(expected)) {
      throw mismatch(what + " is " + actual + " in the file, but " + expected + " in model "
          + model);
    }
    return actual;
  }

  private Shape outputShape(String what, ExpectedLayer e) throws InvalidModelFileException {
    return shape(what + " output shape", e.outputShape());
  }

  private ConvGeometry geometry(String what, ExpectedLayer e) throws InvalidModelFileException {
    int kernelH = in.i32(what + " kernel height");
    int kernelW = in.i32(what + " kernel width");
    int strideH = in.i32(what + " stride height");
    int strideW = in.i32(what + " stride width");
    int dilationH = in.i32(what + " dilation height");
    int dilationW = in.i32(what + " dilation width");
    int code = in.u8(what + " padding");
    Padding[] paddings = Padding.values();
    if (code >= paddings.length) {
      throw in.error(what + " has padding code " + code + ", but only 0 (VALID) to "
          + (paddings.length - 1) + " (" + paddings[paddings.length - 1] + ") exist; the file is"
          + " corrupt, convert the model again");
    }
    ConvGeometry g = build(what + " geometry", () -> new ConvGeometry(kernelH, kernelW, strideH,
        strideW, dilationH, dilationW, paddings[code]));
    if (!e.fits(g)) {
      throw mismatch(what + " has " + describe(g) + " in the file, but model " + model
          + " declares " + describe(e.geometry()));
    }
    return g;
  }

  private static String describe(ConvGeometry g) {
    return "window " + g.kernelH() + "x" + g.kernelW() + ", strides " + g.strideH() + "x"
        + g.strideW() + ", dilation " + g.dilationH() + "x" + g.dilationW() + ", " + g.padding()
        + " padding";
  }

  /** Reads an array length that must equal {@code expected}. */
  private int length(String what, long expected) throws InvalidModelFileException {
    int length = in.i32(what + " length");
    if (length != expected) {
      throw mismatch(what + " has " + length + " entries in the file, but model " + model
          + " implies " + expected);
    }
    return length;
  }

  private int[] ints(String what, long expected) throws InvalidModelFileException {
    return in.ints(length(what, expected), what);
  }

  /** Runs a record constructor, turning its complaint into an exception about the file. */
  <T> T build(String what, Supplier<T> constructor) throws InvalidModelFileException {
    try {
      return constructor.get();
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw in.error(what + " is invalid: " + e.getMessage() + "; the file is corrupt or was"
          + " written from a broken model, convert the model again");
    }
  }

  /** A field that disagrees with the expected graph. */
  InvalidModelFileException mismatch(String problem) {
    return in.error(problem + "; the file is corrupt or was converted from another version of"
        + " model " + model + ": convert " + model + " again");
  }
}
