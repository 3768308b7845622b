package io.qat4j.runtime.int8;

import io.qat4j.model.Shape;
import io.qat4j.runtime.layers.ConvGeometry;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;

/** Encodes an {@link Int8Model} in the layout {@link Int8ModelFile} documents. */
final class ModelFileWriter {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final DataOutputStream out = new DataOutputStream(bytes);

  private ModelFileWriter() {}

  /** The whole file: header, payload and checksum. */
  static byte[] encode(Int8Model model) {
    Objects.requireNonNull(model.graph(), "the model has no graph to name it");
    byte[] payload = new ModelFileWriter().payload(model);
    if (payload.length > ModelFileFormat.MAX_FILE_BYTES - ModelFileFormat.ENVELOPE_BYTES) {
      throw new IllegalArgumentException("model " + model.graph().name() + " needs "
          + payload.length + " bytes, more than a model file may hold");
    }
    ByteBuffer file = ByteBuffer.allocate(ModelFileFormat.ENVELOPE_BYTES + payload.length);
    file.put(ModelFileFormat.MAGIC).putInt(ModelFileFormat.VERSION).putInt(payload.length);
    file.put(payload);
    CRC32 crc = new CRC32();
    crc.update(file.array(), 0, file.position());
    file.putInt((int) crc.getValue());
    return file.array();
  }

  private byte[] payload(Int8Model model) {
    try {
      string(model.graph().name());
      shape(model.inputShape());
      quant(model.input());
      string(model.outputTensor());
      out.writeInt(model.layers().size());
      for (Int8Layer layer : model.layers()) {
        layer(layer);
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    return bytes.toByteArray();
  }

  private void layer(Int8Layer layer) throws IOException {
    out.writeByte(ModelFileFormat.tagOf(layer));
    string(layer.name());
    strings(layer.inputs());
    if (layer instanceof Int8Conv c) {
      conv(c);
    } else if (layer instanceof Int8Dense d) {
      dense(d);
    } else if (layer instanceof Int8Pool p) {
      pool(p);
    } else if (layer instanceof Int8Add a) {
      add(a);
    } else if (layer instanceof Int8Concat c) {
      concat(c);
    } else if (layer instanceof Int8Reshape r) {
      shape(r.outputShape());
      quant(r.output());
    } else if (layer instanceof Int8Softmax s) {
      shape(s.outputShape());
      ints(s.expTable());
      quant(s.output());
    }
  }

  private void conv(Int8Conv c) throws IOException {
    shape(c.inputShape());
    shape(c.outputShape());
    geometry(c.geometry());
    out.writeBoolean(c.depthwise());
    linear(c);
  }

  private void dense(Int8Dense d) throws IOException {
    out.writeInt(d.inputSize());
    shape(d.outputShape());
    linear(d);
  }

  /** What Conv and Dense store alike, after their shapes. */
  private void linear(Int8Linear l) throws IOException {
    bytes(l.weights());
    ints(l.bias());
    ints(l.multipliers());
    ints(l.shifts());
    out.writeInt(l.inputZeroPoint());
    quant(l.output());
    clamp(l.clampMin(), l.clampMax());
  }

  private void pool(Int8Pool p) throws IOException {
    shape(p.inputShape());
    shape(p.outputShape());
    out.writeBoolean(p.average());
    geometry(p.geometry());
    quant(p.output());
  }

  private void add(Int8Add a) throws IOException {
    shape(a.outputShape());
    out.writeInt(a.firstZeroPoint());
    out.writeInt(a.firstMultiplier());
    out.writeInt(a.firstShift());
    out.writeInt(a.secondZeroPoint());
    out.writeInt(a.secondMultiplier());
    out.writeInt(a.secondShift());
    out.writeInt(a.leftShift());
    out.writeInt(a.outputMultiplier());
    out.writeInt(a.outputShift());
    quant(a.output());
    clamp(a.clampMin(), a.clampMax());
  }

  private void concat(Int8Concat c) throws IOException {
    out.writeInt(c.inputShapes().size());
    for (Shape s : c.inputShapes()) {
      shape(s);
    }
    out.writeInt(c.axis());
    shape(c.outputShape());
    ints(c.inputZeroPoints());
    ints(c.multipliers());
    ints(c.shifts());
    quant(c.output());
  }

  private void string(String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length > ModelFileFormat.MAX_STRING_BYTES) {
      throw new IllegalArgumentException("name longer than " + ModelFileFormat.MAX_STRING_BYTES
          + " bytes of UTF-8: " + s.substring(0, 40) + "...");
    }
    out.writeInt(b.length);
    out.write(b);
  }

  private void strings(List<String> list) throws IOException {
    out.writeInt(list.size());
    for (String s : list) {
      string(s);
    }
  }

  private void shape(Shape s) throws IOException {
    if (s.rank() > ModelFileFormat.MAX_RANK) {
      throw new IllegalArgumentException("shape " + s + " has rank " + s.rank()
          + "; a model file holds ranks up to " + ModelFileFormat.MAX_RANK);
    }
    out.writeInt(s.rank());
    for (int d : s.dims()) {
      out.writeInt(d);
    }
  }

  private void geometry(ConvGeometry g) throws IOException {
    out.writeInt(g.kernelH());
    out.writeInt(g.kernelW());
    out.writeInt(g.strideH());
    out.writeInt(g.strideW());
    out.writeInt(g.dilationH());
    out.writeInt(g.dilationW());
    out.writeByte(g.padding().ordinal());
  }

  private void quant(QuantParams q) throws IOException {
    out.writeDouble(q.scale());
    out.writeInt(q.zeroPoint());
  }

  private void clamp(int min, int max) throws IOException {
    out.writeInt(min);
    out.writeInt(max);
  }

  private void bytes(byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private void ints(int[] values) throws IOException {
    out.writeInt(values.length);
    for (int v : values) {
      out.writeInt(v);
    }
  }
}
