package io.qat4j.runtime.export.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ONNX graph under construction, written as an ONNX {@code ModelProto}. Field numbers are
 * those of {@code onnx.proto} (IR version 7 and later).
 */
final class OnnxGraph {
  /** {@code TensorProto.DataType} values used here. */
  static final int FLOAT = 1;
  static final int INT8 = 3;
  static final int INT32 = 6;
  static final int INT64 = 7;

  private final String name;
  private final List<ProtoWriter> nodes = new ArrayList<>();
  private final List<ProtoWriter> initializers = new ArrayList<>();
  private final List<ProtoWriter> inputs = new ArrayList<>();
  private final List<ProtoWriter> outputs = new ArrayList<>();

  OnnxGraph(String name) {
    this.name = name;
  }

  /** A graph input; each dimension is a {@code Long} size or a {@code String} symbol. */
  void input(String tensor, int elemType, List<Object> dims) {
    inputs.add(valueInfo(tensor, elemType, dims));
  }

  /** A graph output, as {@link #input}. */
  void output(String tensor, int elemType, List<Object> dims) {
    outputs.add(valueInfo(tensor, elemType, dims));
  }

  /** A float initializer; rank 0 when {@code dims} is empty. */
  void floats(String tensor, long[] dims, float[] values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    initializer(tensor, FLOAT, dims, b.array());
  }

  /** An int8 initializer. */
  void int8s(String tensor, long[] dims, byte[] values) {
    initializer(tensor, INT8, dims, values.clone());
  }

  /** An int32 initializer. */
  void int32s(String tensor, long[] dims, int[] values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      b.putInt(v);
    }
    initializer(tensor, INT32, dims, b.array());
  }

  /** An int64 initializer. */
  void int64s(String tensor, long[] dims, long[] values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      b.putLong(v);
    }
    initializer(tensor, INT64, dims, b.array());
  }

  private void initializer(String tensor, int dataType, long[] dims, byte[] raw) {
    ProtoWriter t = new ProtoWriter();
    if (dims.length > 0) {
      t.packedVarints(1, dims);
    }
    t.varint(2, dataType).string(8, tensor).bytes(9, raw);
    initializers.add(t);
  }

  /** A node of the default ONNX domain. */
  void node(String opType, String nodeName, List<String> in, List<String> out,
      List<OnnxAttribute> attributes) {
    ProtoWriter n = new ProtoWriter();
    in.forEach(i -> n.string(1, i));
    out.forEach(o -> n.string(2, o));
    n.string(3, nodeName).string(4, opType);
    attributes.forEach(a -> n.message(5, a.proto()));
    nodes.add(n);
  }

  /** The serialized {@code ModelProto}. */
  byte[] model(long irVersion, long opset, String producer, String producerVersion,
      Map<String, String> metadata) {
    ProtoWriter g = new ProtoWriter();
    nodes.forEach(n -> g.message(1, n));
    g.string(2, name);
    initializers.forEach(t -> g.message(5, t));
    inputs.forEach(i -> g.message(11, i));
    outputs.forEach(o -> g.message(12, o));
    ProtoWriter m = new ProtoWriter()
        .varint(1, irVersion)
        .string(2, producer)
        .string(3, producerVersion)
        .message(7, g)
        .message(8, new ProtoWriter().string(1, "").varint(2, opset));
    for (Map.Entry<String, String> e : new LinkedHashMap<>(metadata).entrySet()) {
      m.message(14, new ProtoWriter().string(1, e.getKey()).string(2, e.getValue()));
    }
    return m.toByteArray();
  }

  private static ProtoWriter valueInfo(String tensor, int elemType, List<Object> dims) {
    ProtoWriter shape = new ProtoWriter();
    for (Object d : dims) {
      ProtoWriter dim = new ProtoWriter();
      if (d instanceof Long size) {
        dim.varint(1, size);
      } else {
        dim.string(2, (String) d);
      }
      shape.message(1, dim);
    }
    ProtoWriter tensorType = new ProtoWriter().varint(1, elemType).message(2, shape);
    return new ProtoWriter().string(1, tensor).message(2, new ProtoWriter().message(1, tensorType));
  }
}
