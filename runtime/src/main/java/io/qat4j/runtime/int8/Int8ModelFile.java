package io.qat4j.runtime.int8;

import io.qat4j.plan.QuantizedGraph;
import io.qat4j.runtime.files.AtomicFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Saves and loads {@link Int8Model}s: a versioned, checksummed binary that holds every field of
 * every layer record, so that a model loads without its float weights or the converter.
 *
 * <h2>Layout</h2>
 *
 * <p>Big-endian throughout. {@code i32} is a signed 32-bit int, {@code f64} an IEEE double,
 * {@code u8} one unsigned byte; a <em>flag</em> is a {@code u8} that is 0 (false) or 1 (true).
 *
 * <pre>
 * file     = header payload crc
 * header   = magic:"QAT4JI8M" (8 bytes)  version:i32 (1)  payloadLength:i32
 * crc      = CRC-32 of header and payload, as an i32
 * payload  = modelName:string  inputShape:shape  inputQuant:quant  outputTensor:string
 *            layerCount:i32  layer × layerCount
 *
 * string   = length:i32 (0..1024)  UTF-8 bytes
 * strings  = count:i32  string × count
 * shape    = rank:i32 (1..8)  dim:i32 × rank (each positive)
 * quant    = scale:f64  zeroPoint:i32
 * geometry = kernelH kernelW strideH strideW dilationH dilationW :i32
 *            padding:u8 (ordinal of Padding: 0 VALID, 1 SAME)
 * bytes    = length:i32  byte × length
 * ints     = length:i32  i32 × length
 *
 * layer    = tag:u8  name:string  inputs:strings  fields of the tag's record, in order:
 *   1 Int8Conv    inputShape:shape outputShape:shape geometry depthwise:flag weights:bytes
 *                 bias:ints multipliers:ints shifts:ints inputZeroPoint:i32 output:quant
 *                 clampMin:i32 clampMax:i32
 *   2 Int8Dense   inputSize:i32 outputShape:shape weights:bytes bias:ints multipliers:ints
 *                 shifts:ints inputZeroPoint:i32 output:quant clampMin:i32 clampMax:i32
 *   3 Int8Pool    inputShape:shape outputShape:shape average:flag geometry output:quant
 *   4 Int8Add     outputShape:shape firstZeroPoint firstMultiplier firstShift
 *                 secondZeroPoint secondMultiplier secondShift leftShift outputMultiplier
 *                 outputShift :i32 output:quant clampMin:i32 clampMax:i32
 *   5 Int8Concat  inputShapes:(count:i32 shape × count) axis:i32 outputShape:shape
 *                 inputZeroPoints:ints multipliers:ints shifts:ints output:quant
 *   6 Int8Reshape outputShape:shape output:quant
 *   7 Int8Softmax outputShape:shape expTable:ints (256) output:quant
 * </pre>
 *
 * <p>The file is {@code 20 + payloadLength} bytes. The model's graph is not stored; loading
 * takes the graph the caller expects and the loaded model carries that graph.
 *
 * <h2>Loading</h2>
 *
 * <p>Checks come in this order: the magic, the version (a newer one is named), the declared
 * length against the real size (before anything is allocated for the payload), the checksum, and
 * then every field as it is decoded. Every length is checked before it is allocated: strings hold
 * at most 1024 bytes, ranks are at most 8, counts and array lengths must equal what the expected
 * graph implies for that layer (convolution weights {@code O × C × kh × kw}, depthwise {@code O ×
 * 1 × kh × kw}, dense {@code units × inputSize}; bias, multipliers and shifts one per output
 * channel, or for a dense layer's multipliers one in all; 256 exponent entries) and fit in the
 * bytes left; and no bytes may follow the last layer. The decoded model must match the graph: its
 * name and input shape, and one int8 layer per graph layer that runs, in order, with the same
 * name, the same inputs (a BatchNorm folded into a weighted layer and a ReLU or ReLU6 fused into
 * an anchor have no int8 layer, so whoever reads them reads the anchor), the record for its kind,
 * the same input and output shapes and the same window. Every failure is an {@link
 * InvalidModelFileException} that says what is wrong and what to do.
 */
public final class Int8ModelFile {
  private Int8ModelFile() {}

  /**
   * Writes {@code model} to {@code file} atomically: to a temporary file in the same directory,
   * forced to disk and renamed over {@code file}, so a crash leaves the old file or the new one,
   * never a torn one.
   */
  public static void write(Int8Model model, Path file) throws IOException {
    Objects.requireNonNull(file, "file is null; pass the path to write the int8 model to");
    byte[] bytes = toBytes(model);
    AtomicFile.write(file, bytes);
  }

  /**
   * The file's bytes for {@code model}; the same model gives the same bytes.
   *
   * @throws IllegalArgumentException if a name is longer than 1024 bytes of UTF-8 or a shape has
   *     rank above 8
   */
  public static byte[] toBytes(Int8Model model) {
    return ModelFileWriter.encode(Objects.requireNonNull(model, "model is null; pass an Int8Model"));
  }

  /**
   * Loads the model in {@code file}, which must have been converted from {@code expected}.
   *
   * @throws InvalidModelFileException if the file is not a model file, is damaged, or does not
   *     match {@code expected}
   * @throws java.nio.file.NoSuchFileException if there is no such file
   * @throws IOException if it cannot be read
   */
  public static Int8Model read(Path file, QuantizedGraph expected) throws IOException {
    Objects.requireNonNull(file, "file is null; pass the path of an int8 model file");
    Objects.requireNonNull(expected, "expected graph is null; pass the generated GRAPH of the"
        + " model the file was converted from");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      byte[] head = new byte[(int) Math.min(size, ModelFileFormat.HEADER_BYTES)];
      readFully(ch, head, file);
      ModelFileEnvelope.payloadLength(head, size, file); // before allocating the rest
      byte[] bytes = new byte[(int) size];
      ch.position(0);
      readFully(ch, bytes, file);
      if (ch.read(ByteBuffer.allocate(1)) > 0) {
        throw new InvalidModelFileException(file, "it grew while it was read; wait until it is"
            + " completely written, then load it again");
      }
      return ModelFileReader.decode(bytes, expected, file);
    }
  }

  private static void readFully(FileChannel ch, byte[] into, Path file) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(into);
    while (buffer.hasRemaining()) {
      if (ch.read(buffer) < 0) {
        throw new InvalidModelFileException(file, "truncated: ends after " + buffer.position()
            + " of " + into.length + " bytes while it was read; the file is incomplete, copy or"
            + " convert it again");
      }
    }
  }

  /**
   * Loads the model in {@code bytes}, the contents of a model file converted from {@code
   * expected}.
   *
   * @throws InvalidModelFileException if the bytes are not a model file, are damaged, or do not
   *     match {@code expected}
   */
  public static Int8Model fromBytes(byte[] bytes, QuantizedGraph expected)
      throws InvalidModelFileException {
    Objects.requireNonNull(bytes, "bytes is null; pass the contents of an int8 model file");
    Objects.requireNonNull(expected, "expected graph is null; pass the generated GRAPH of the"
        + " model the file was converted from");
    return ModelFileReader.decode(bytes, expected, null);
  }
}
