package io.qat4j.runtime.train;

import io.qat4j.runtime.files.AtomicFile;
import io.qat4j.runtime.graph.NamedParam;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Everything needed to resume training: where it stopped and every named tensor (parameters,
 * running statistics and ranges, optimizer moments).
 *
 * <p>File layout, big-endian: magic {@code QAT4JCKP}, format version, model name, epoch, batch
 * within the epoch, global step, seed, tensor count, then per tensor its name, dtype (0 float32, 1
 * float64, 2 int64), rank, dimensions and values; last a CRC-32 of all that precedes it. Written to a
 * temporary file, forced to disk and renamed over the old one, so a crash leaves either the old
 * or the new checkpoint, never a torn one.
 *
 * @param model the model name
 * @param epoch the epoch in progress (0-based)
 * @param batch batches of that epoch already done
 * @param step optimizer steps taken in all
 * @param seed the training seed
 * @param tensors named tensors, in a fixed order
 */
public record Checkpoint(
    String model, long epoch, long batch, long step, long seed, Map<String, INDArray> tensors) {
  static final int VERSION = 1;
  private static final byte[] MAGIC = "QAT4JCKP".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_NAME_BYTES = 1024;
  private static final int MAX_RANK = 8;
  private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;

  /** Copies {@code tensors}, keeping their order. */
  public Checkpoint {
    tensors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
  }

  /** {@code name → value} of every tensor of {@code tensors}, in order: what a checkpoint holds. */
  public static Map<String, INDArray> valuesOf(List<NamedParam> tensors) {
    Map<String, INDArray> values = new LinkedHashMap<>();
    for (NamedParam p : tensors) {
      values.put(p.name(), p.param().value());
    }
    return values;
  }

  /**
   * Assigns this checkpoint's tensors to {@code targets} by name. Every target must have a tensor
   * of its shape here, checked before anything is assigned, so a refused checkpoint leaves the
   * targets as they were; tensors of the checkpoint no target names are ignored.
   *
   * @param file where this checkpoint came from, for the message
   * @param owner what the targets belong to, for the message ("this network")
   * @throws CorruptCheckpointException naming the first tensor missing or of another shape
   */
  public void assignTo(List<NamedParam> targets, Path file, String owner)
      throws CorruptCheckpointException {
    for (NamedParam p : targets) {
      INDArray saved = tensors.get(p.name());
      if (saved == null || !Arrays.equals(saved.shape(), p.param().value().shape())) {
        throw new CorruptCheckpointException(file, "tensor " + p.name() + " is "
            + (saved == null ? "missing" : "of shape " + Arrays.toString(saved.shape()))
            + " (" + owner + " has " + Arrays.toString(p.param().value().shape()) + ")");
      }
    }
    for (NamedParam p : targets) {
      p.param().value().assign(tensors.get(p.name()));
    }
  }

  /** Writes this checkpoint to {@code file} atomically. */
  public void write(Path file) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(MAGIC);
    out.writeInt(VERSION);
    writeName(out, model);
    out.writeLong(epoch);
    out.writeLong(batch);
    out.writeLong(step);
    out.writeLong(seed);
    out.writeInt(tensors.size());
    for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
      writeName(out, e.getKey());
      INDArray t = e.getValue();
      byte type = typeCode(e.getKey(), t.dataType());
      out.writeByte(type);
      out.writeInt(t.rank());
      for (long d : t.shape()) {
        out.writeLong(d);
      }
      INDArray c = t.dup('c');
      switch (type) {
        case 1 -> {
          for (double v : c.data().asDouble()) {
            out.writeDouble(v);
          }
        }
        case 2 -> {
          for (long v : c.data().asLong()) {
            out.writeLong(v);
          }
        }
        default -> {
          for (float v : c.data().asFloat()) {
            out.writeFloat(v);
          }
        }
      }
    }
    out.flush();
    CRC32 crc = new CRC32();
    crc.update(bytes.toByteArray());
    out.writeLong(crc.getValue());
    out.flush();
    AtomicFile.write(file, bytes.toByteArray());
  }

  /**
   * Reads a checkpoint, checking its checksum first and every length against the bytes that are
   * really there, so a damaged or hostile file fails with {@link CorruptCheckpointException}
   * rather than a huge allocation.
   *
   * @throws CorruptCheckpointException if the content is not an intact checkpoint: whatever the
   *     bytes, this is the only exception they can cause
   * @throws IOException (such as {@link java.nio.file.NoSuchFileException}) if the file cannot be
   *     read at all: missing, not readable, a directory; that is about the path, not the content
   */
  public static Checkpoint read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new CorruptCheckpointException(file, "it is " + size + " bytes, more than 2 GiB");
    }
    return fromBytes(Files.readAllBytes(file), file);
  }

  /**
   * The checkpoint in {@code content}, the whole of {@code file} (which only names it in
   * messages). Package-private so that tests can feed it many contents without writing files.
   */
  static Checkpoint fromBytes(byte[] content, Path file) throws CorruptCheckpointException {
    ByteBuffer in = ByteBuffer.wrap(content);
    if (in.remaining() < MAGIC.length + 4 + 8) {
      throw new CorruptCheckpointException(file, "it is only " + content.length + " bytes long");
    }
    byte[] magic = new byte[MAGIC.length];
    in.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new CorruptCheckpointException(file, "it does not start with QAT4JCKP");
    }
    CRC32 crc = new CRC32();
    crc.update(in.array(), 0, in.capacity() - 8);
    if (crc.getValue() != in.getLong(in.capacity() - 8)) {
      throw new CorruptCheckpointException(file, "its checksum does not match (truncated or damaged)");
    }
    in.limit(in.capacity() - 8);
    try {
      int version = in.getInt();
      if (version != VERSION) {
        throw new CorruptCheckpointException(file, "format version " + version
            + " is not the supported version " + VERSION);
      }
      String model = readName(in, file);
      long epoch = in.getLong();
      long batch = in.getLong();
      long step = in.getLong();
      long seed = in.getLong();
      int count = in.getInt();
      if (count < 0 || count > in.remaining()) {
        throw new CorruptCheckpointException(file, "it claims " + count + " tensors");
      }
      Map<String, INDArray> tensors = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        String name = readName(in, file);
        if (tensors.put(name, readTensor(in, file, name)) != null) {
          throw new CorruptCheckpointException(file, "tensor " + name + " appears twice");
        }
      }
      if (in.hasRemaining()) {
        throw new CorruptCheckpointException(file, in.remaining() + " bytes follow the last tensor");
      }
      if (epoch < 0 || batch < 0 || step < 0) {
        throw new CorruptCheckpointException(file, "its position is negative");
      }
      return new Checkpoint(model, epoch, batch, step, seed, tensors);
    } catch (java.nio.BufferUnderflowException e) {
      throw new CorruptCheckpointException(file, "it ends in the middle of a record");
    }
  }

  private static byte typeCode(String name, DataType type) {
    return switch (type) {
      case FLOAT -> 0;
      case DOUBLE -> 1;
      case LONG -> 2;
      default -> throw new IllegalArgumentException(
          "tensor " + name + " is " + type + "; checkpoints hold FLOAT, DOUBLE and LONG tensors");
    };
  }

  private static INDArray readTensor(ByteBuffer in, Path file, String name)
      throws CorruptCheckpointException {
    byte type = in.get();
    if (type < 0 || type > 2) {
      throw new CorruptCheckpointException(file, "tensor " + name + " has unknown type " + type);
    }
    int rank = in.getInt();
    if (rank < 0 || rank > MAX_RANK) {
      throw new CorruptCheckpointException(file, "tensor " + name + " has rank " + rank);
    }
    long[] shape = new long[rank];
    long elements = 1;
    int width = type == 0 ? 4 : 8;
    for (int d = 0; d < rank; d++) {
      shape[d] = in.getLong();
      // No dimension beyond an int, even beside a zero: tensors are indexed by int.
      if (shape[d] < 0 || shape[d] > Integer.MAX_VALUE
          || (shape[d] > 0 && elements > in.remaining() / shape[d])) {
        throw new CorruptCheckpointException(file, "tensor " + name + " has impossible shape");
      }
      elements *= shape[d];
    }
    if (elements * width > in.remaining()) {
      throw new CorruptCheckpointException(file, "tensor " + name + " is cut short");
    }
    if (type == 2) {
      long[] values = new long[(int) elements];
      in.asLongBuffer().get(values);
      in.position(in.position() + values.length * 8);
      return Nd4j.createFromArray(values).reshape(shape);
    }
    if (type == 1) {
      double[] values = new double[(int) elements];
      in.asDoubleBuffer().get(values);
      in.position(in.position() + values.length * 8);
      return Nd4j.create(values, shape, DataType.DOUBLE);
    }
    float[] values = new float[(int) elements];
    in.asFloatBuffer().get(values);
    in.position(in.position() + values.length * 4);
    return Nd4j.create(values, shape, DataType.FLOAT);
  }

  private static void writeName(DataOutputStream out, String name) throws IOException {
    byte[] b = name.getBytes(StandardCharsets.UTF_8);
    if (b.length > MAX_NAME_BYTES) {
      throw new IllegalArgumentException("name longer than " + MAX_NAME_BYTES + " bytes: " + name);
    }
    out.writeShort(b.length);
    out.write(b);
  }

  private static String readName(ByteBuffer in, Path file)
      throws CorruptCheckpointException {
    int length = Short.toUnsignedInt(in.getShort());
    if (length > MAX_NAME_BYTES || length > in.remaining()) {
      throw new CorruptCheckpointException(file, "a name is " + length + " bytes long");
    }
    byte[] b = new byte[length];
    in.get(b);
    try {
      // Strict decoding: a name that is not UTF-8 is damage, not something to patch over.
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new CorruptCheckpointException(file, "a name is not valid UTF-8");
    }
  }
}
