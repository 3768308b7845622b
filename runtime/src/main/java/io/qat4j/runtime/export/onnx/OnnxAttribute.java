package io.qat4j.runtime.export.onnx;

/** A node attribute: an int, a float or a list of ints ({@code AttributeProto}). */
record OnnxAttribute(String name, ProtoWriter proto) {
  private static final int FLOAT = 1;
  private static final int INT = 2;
  private static final int INTS = 7;

  static OnnxAttribute of(String name, long value) {
    return new OnnxAttribute(name,
        new ProtoWriter().string(1, name).varint(20, INT).varint(3, value));
  }

  static OnnxAttribute of(String name, float value) {
    return new OnnxAttribute(name,
        new ProtoWriter().string(1, name).varint(20, FLOAT).float32(2, value));
  }

  static OnnxAttribute ints(String name, long... values) {
    ProtoWriter p = new ProtoWriter().string(1, name).varint(20, INTS);
    for (long v : values) {
      p.varint(8, v);
    }
    return new OnnxAttribute(name, p);
  }
}
