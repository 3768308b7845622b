package io.qat4j.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import io.qat4j.model.BatchNormSpec;
import io.qat4j.model.Conv2DSpec;
import io.qat4j.model.DenseSpec;
import io.qat4j.model.FlattenSpec;
import io.qat4j.model.MaxPoolSpec;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.QuantizeDecl;
import io.qat4j.model.ReluSpec;
import io.qat4j.model.Shape;
import io.qat4j.plan.QuantizedGraph;
import io.qat4j.runtime.data.Dataset;
import io.qat4j.runtime.graph.NamedParam;
import io.qat4j.runtime.graph.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/** Tiny models, synthetic data and bit-exact snapshots shared by the trainer tests. */
final class TrainFixtures {
  static final int CLASSES = 3;
  static final int SIDE = 8;

  private TrainFixtures() {}

  /**
   * Conv2D(4, 3x3, no bias) + BatchNorm + ReLU + MaxPool 2x2 + Flatten + Dense(3) on [1, 8, 8]:
   * 36 + 8 + 195 = 239 parameters, small enough for a step to take a millisecond or two.
   */
  static QuantizedGraph tinyCnn(String name, boolean quantized) {
    ModelDecl.Builder b = ModelDecl.builder(name, Shape.of(1, SIDE, SIDE));
    if (quantized) {
      b.quantize(QuantizeDecl.DEFAULT);
    }
    return QuantizedGraph.plan(
        b.layer("conv1", new Conv2DSpec(4, 3, 3, 1, 1, Padding.SAME, 1, 1, false, Activation.NONE))
            .layer("bn1", new BatchNormSpec(0.001, 0.9))
            .layer("relu1", new ReluSpec())
            .layer("pool1", new MaxPoolSpec(2, 2, 2, 2, Padding.VALID))
            .layer("flat", new FlattenSpec())
            .layer("logits", new DenseSpec(CLASSES, true, Activation.NONE))
            .build());
  }

  /**
   * {@code n} [1, 8, 8] images whose class {@code k} is told apart by mean brightness (about
   * {@code 0.2 + 0.3 k}) under per-pixel noise of ±0.15, so the task is learnable but not solved
   * by the initial weights.
   */
  static Dataset brightness(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int length = SIDE * SIDE;
    float[] images = new float[n * length];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int k = random.nextInt(CLASSES);
      labels[i] = k;
      for (int j = 0; j < length; j++) {
        images[i * length + j] = (float) (0.2 + 0.3 * k + 0.3 * (random.nextDouble() - 0.5));
      }
    }
    return Dataset.of(images, new int[] {1, SIDE, SIDE}, labels, CLASSES);
  }

  /** The same images with example {@code index} turned to NaN in one pixel. */
  static Dataset withNaN(Dataset data, int index) {
    return withValue(data, index, 5, Float.NaN);
  }

  /** The same images with value {@code pixel} of example {@code index} set to {@code value}. */
  static Dataset withValue(Dataset data, int index, int pixel, float value) {
    int length = data.exampleLength();
    float[] images = new float[data.size() * length];
    for (int i = 0; i < data.size(); i++) {
      data.copyImage(i, images, i * length);
    }
    images[index * length + pixel] = value;
    return Dataset.of(images, data.exampleShape(), data.labels(), data.classes());
  }

  /** A value-copy of one tensor, keeping its raw bits. */
  record Bits(String dtype, long[] shape, float[] floats, double[] doubles, long[] longs) {
    static Bits of(INDArray a) {
      INDArray c = a.dup('c');
      return switch (a.dataType()) {
        case FLOAT -> new Bits("FLOAT", a.shape(), c.data().asFloat(), null, null);
        case DOUBLE -> new Bits("DOUBLE", a.shape(), null, c.data().asDouble(), null);
        case LONG -> new Bits("LONG", a.shape(), null, null, c.data().asLong());
        default -> throw new IllegalArgumentException("unexpected " + a.dataType());
      };
    }

    /** Equal dtype, shape and values, compared bit for bit (Arrays.equals on raw arrays). */
    boolean sameAs(Bits o) {
      return dtype.equals(o.dtype)
          && Arrays.equals(shape, o.shape)
          && Arrays.equals(floats, o.floats)
          && Arrays.equals(doubles, o.doubles)
          && Arrays.equals(longs, o.longs);
    }
  }

  /** Every parameter and state tensor of {@code network}, by name, in network order. */
  static Map<String, Bits> snapshot(Network network) {
    Map<String, Bits> out = new LinkedHashMap<>();
    for (NamedParam p : network.params()) {
      out.put(p.name(), Bits.of(p.param().value()));
    }
    for (NamedParam p : network.state()) {
      out.put(p.name(), Bits.of(p.param().value()));
    }
    return out;
  }

  /** Fails unless both snapshots hold the same names with bit-identical values. */
  static void assertSameBits(Map<String, Bits> expected, Map<String, Bits> actual) {
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()), "tensor names");
    List<String> differing = new ArrayList<>();
    for (String name : expected.keySet()) {
      if (!expected.get(name).sameAs(actual.get(name))) {
        differing.add(name);
      }
    }
    if (!differing.isEmpty()) {
      fail("tensors differ in their bits: " + differing);
    }
  }

  /** Names of the tensors whose bits differ between the two snapshots (same names required). */
  static List<String> differing(Map<String, Bits> a, Map<String, Bits> b) {
    assertArrayEquals(a.keySet().toArray(), b.keySet().toArray(), "tensor names");
    List<String> out = new ArrayList<>();
    for (String name : a.keySet()) {
      if (!a.get(name).sameAs(b.get(name))) {
        out.add(name);
      }
    }
    return out;
  }

  /**
   * Runs libnd4j single-threaded until {@link #close}: on tensors of a few hundred values its
   * thread pool costs more than the work.
   */
  static final class SingleThreaded implements AutoCloseable {
    private final int maxThreads;
    private final int maxMasterThreads;

    SingleThreaded() {
      Environment env = Nd4j.getEnvironment();
      maxThreads = env.maxThreads();
      maxMasterThreads = env.maxMasterThreads();
      env.setMaxThreads(1);
      env.setMaxMasterThreads(1);
    }

    @Override
    public void close() {
      Environment env = Nd4j.getEnvironment();
      env.setMaxThreads(maxThreads);
      env.setMaxMasterThreads(maxMasterThreads);
    }
  }
}
