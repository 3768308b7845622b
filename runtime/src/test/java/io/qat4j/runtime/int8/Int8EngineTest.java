package io.qat4j.runtime.int8;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Activation;
import io.qat4j.annotation.Padding;
import io.qat4j.model.Conv2DSpec;
import io.qat4j.model.DenseSpec;
import io.qat4j.model.FlattenSpec;
import io.qat4j.model.MaxPoolSpec;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.QuantizeDecl;
import io.qat4j.model.Shape;
import io.qat4j.plan.QuantizedGraph;
import io.qat4j.runtime.layers.ConvGeometry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Int8Engine} and {@link Int8Predictor} on the hand-built models of {@link Int8Fixtures},
 * plus {@link #bigModel()}, whose convolution and dense layers are large enough (≥ 100,000 MACs,
 * ≥ 2 blocks of 16 units) for a batch of one to be split across the kernel threads by {@code
 * ConvStep.runAlone} and {@code DenseStep.runAlone} (when {@code qat4j.threads} > 1). The layers
 * of the fixtures themselves are below that threshold: their batches of one run unsplit.
 *
 * <p>Codes are compared exactly, and so are dequantized outputs computed two ways; the one
 * approximate comparison, the quantize/dequantize round trip, allows half a quantization step
 * plus 1e-6 for float rounding.
 */
class Int8EngineTest {
  private static final Int8Model MODEL = Int8Fixtures.model();
  private static final Int8Model OTHER = Int8Fixtures.otherModel();
  private static final Int8Model BIG = bigModel();
  private static final ExecutorService CALLERS = Executors.newFixedThreadPool(4);

  @AfterAll
  static void shutdown() {
    CALLERS.shutdownNow();
  }

  /**
   * [4, 12, 12] → Conv2D 32 × 3 × 3 SAME with a fused ReLU (32 · 36 · 144 = 165,888 MACs) →
   * Flatten → Dense 4608 → 32, per-unit multipliers (147,456 MACs, two blocks of 16 units).
   */
  static Int8Model bigModel() {
    QuantizedGraph graph = QuantizedGraph.plan(ModelDecl.builder("BigInt8Net", Shape.of(4, 12, 12))
        .quantize(QuantizeDecl.DEFAULT)
        .layer("c", new Conv2DSpec(32, 3, 3, 1, 1, Padding.SAME, 1, 1, true, Activation.RELU))
        .layer("flat", new FlattenSpec())
        .layer("fc", new DenseSpec(32, true, Activation.NONE))
        .build());
    SplittableRandom r = new SplittableRandom(99);
    QuantParams cOut = new QuantParams(0.05, -128);
    QuantParams fcOut = new QuantParams(0.2, 4);
    List<Int8Layer> layers = List.of(
        new Int8Conv("c", List.of("input"), Shape.of(4, 12, 12), Shape.of(32, 12, 12),
            new ConvGeometry(3, 3, 1, 1, 1, 1, Padding.SAME), false, bytes(r, 32 * 4 * 9),
            r.ints(32, -20_000, 20_000).toArray(), multipliers(r, 32), shifts(32, -9), 3, cOut,
            -128, 127),
        new Int8Reshape("flat", List.of("c"), Shape.of(32 * 12 * 12), cOut),
        new Int8Dense("fc", List.of("flat"), 32 * 12 * 12, Shape.of(32),
            bytes(r, 32 * 32 * 12 * 12), r.ints(32, -50_000, 50_000).toArray(),
            multipliers(r, 32), shifts(32, -12), -128, fcOut, -128, 127));
    return new Int8Model(graph, new QuantParams(1.0 / 255, -128), layers, "fc");
  }

  private static byte[] bytes(SplittableRandom r, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) r.nextInt(-128, 128);
    }
    return b;
  }

  private static int[] multipliers(SplittableRandom r, int n) {
    int[] m = new int[n];
    for (int i = 0; i < n; i++) {
      m[i] = (1 << 30) + r.nextInt(1 << 30);
    }
    return m;
  }

  private static int[] shifts(int n, int shift) {
    int[] s = new int[n];
    Arrays.fill(s, shift);
    return s;
  }

  private static byte[][] examples(Int8Model model, int count, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = Math.toIntExact(model.inputShape().elements());
    byte[][] out = new byte[count][];
    for (int b = 0; b < count; b++) {
      out[b] = bytes(r, n);
    }
    return out;
  }

  private static byte[][] deepCopy(byte[][] a) {
    byte[][] c = new byte[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  private static int distinctOutputs(byte[][] outputs) {
    Set<String> seen = new HashSet<>();
    for (byte[] o : outputs) {
      seen.add(Arrays.toString(o));
    }
    return seen.size();
  }

  // ---------------------------------------------------------------------------------------------
  // batches

  /**
   * Every tensor, not only the output: the fixtures' outputs barely vary with the input (the
   * Dense before the Softmax of {@link Int8Fixtures#model()} saturates), their earlier layers do.
   */
  private static void batchMatchesEachAlone(Int8Model model, long seed) {
    Int8Engine engine = new Int8Engine(model);
    byte[][] batch = examples(model, 7, seed);
    byte[][][] together = engine.runTensors(batch);
    byte[][] outputs = engine.run(batch);
    assertEquals(7, outputs.length);
    for (int b = 0; b < 7; b++) {
      byte[][][] alone = engine.runTensors(new byte[][] {batch[b]});
      assertEquals(together.length, alone.length);
      for (int t = 1; t < together.length; t++) {
        String name = model.layerNames().get(t - 1);
        if (together[t] == null) {
          // A convolution fused with the max pool that reads it has no tensor of its own.
          assertTrue(alone[t] == null, name + " has a tensor alone but not in a batch");
          continue;
        }
        assertArrayEquals(together[t][b], alone[t][0], "example " + b + ", tensor " + name);
      }
      byte[] single = engine.run(batch[b]);
      assertEquals(model.outputShape().elements(), single.length);
      assertArrayEquals(single, outputs[b], "example " + b);
    }
    // Seven different inputs give seven different tensors at the first layer that has one: the
    // comparison is not between constants.
    int t = 1;
    while (together[t] == null) {
      t++;
    }
    assertEquals(7, distinctOutputs(together[t]),
        "distinct " + model.layerNames().get(t - 1) + " tensors");
  }

  @Test
  void batchOfSevenMatchesEachExampleAlone() {
    batchMatchesEachAlone(MODEL, 1);
  }

  @Test
  void batchOfSevenMatchesEachExampleAloneOnTheOtherModel() {
    batchMatchesEachAlone(OTHER, 2);
  }

  @Test
  void batchOfSevenMatchesEachExampleAloneWhenTheExampleIsSplitAcrossThreads() {
    // Each layer of BIG has enough MACs for runAlone to split it (when there are threads).
    assertEquals(165_888 + 147_456, new Int8Engine(BIG).macsPerExample());
    batchMatchesEachAlone(BIG, 3);
  }

  @Test
  void subBatchesMatchTheWholeBatch() {
    // Batch sizes 2 and 5 split differently across the kernel threads than 7 does.
    Int8Engine engine = new Int8Engine(MODEL);
    byte[][] batch = examples(MODEL, 7, 4);
    byte[][] whole = engine.run(batch);
    byte[][] head = engine.run(Arrays.copyOfRange(batch, 0, 2));
    byte[][] tail = engine.run(Arrays.copyOfRange(batch, 2, 7));
    for (int b = 0; b < 2; b++) {
      assertArrayEquals(whole[b], head[b]);
    }
    for (int b = 2; b < 7; b++) {
      assertArrayEquals(whole[b], tail[b - 2]);
    }
  }

  @Test
  void sameInputTwiceGivesIdenticalOutput() {
    for (Int8Model model : List.of(MODEL, OTHER, BIG)) {
      Int8Engine engine = new Int8Engine(model);
      byte[][] batch = examples(model, 3, 5);
      byte[][] first = engine.run(batch);
      byte[][] second = engine.run(batch);
      byte[][] fresh = new Int8Engine(model).run(batch);
      for (int b = 0; b < 3; b++) {
        assertArrayEquals(first[b], second[b]);
        assertArrayEquals(first[b], fresh[b]);
      }
      assertArrayEquals(engine.run(batch[0]), engine.run(batch[0]));
    }
  }

  @Test
  void inputArraysAreNotModified() {
    for (Int8Model model : List.of(MODEL, OTHER, BIG)) {
      Int8Engine engine = new Int8Engine(model);
      byte[][] batch = examples(model, 4, 6);
      byte[][] copy = deepCopy(batch);
      byte[] first = batch[0];
      engine.run(batch);
      engine.run(batch[1]);
      assertTrue(first == batch[0], "the batch array's entries were replaced");
      for (int b = 0; b < batch.length; b++) {
        assertArrayEquals(copy[b], batch[b], "example " + b);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // a convolution fused with the max pool that alone reads it

  /**
   * [4, 16, 16] → Conv2D 32 × 3 × 3 SAME with a ReLU6-style clamp [−100, 50] (32 · 36 · 256 =
   * 294,912 MACs: a batch of one is split) → MaxPool 3 × 3 stride 2 SAME (overlapping windows,
   * one padded row and column at the bottom/right) → [32, 8, 8]. With {@code peek}, a Flatten
   * that also reads the convolution, the pool is not its only reader and nothing is fused.
   */
  static Int8Model convPoolModel(boolean peek) {
    QuantizedGraph graph = QuantizedGraph.plan(ModelDecl.builder("ConvPoolNet", Shape.of(4, 16, 16))
        .quantize(QuantizeDecl.DEFAULT)
        .layer("c", new Conv2DSpec(32, 3, 3, 1, 1, Padding.SAME, 1, 1, true, Activation.RELU6))
        .layer("pool", new MaxPoolSpec(3, 3, 2, 2, Padding.SAME))
        .build());
    SplittableRandom r = new SplittableRandom(31);
    QuantParams cOut = new QuantParams(0.05, -100);
    List<Int8Layer> layers = new ArrayList<>();
    layers.add(new Int8Conv("c", List.of("input"), Shape.of(4, 16, 16), Shape.of(32, 16, 16),
        new ConvGeometry(3, 3, 1, 1, 1, 1, Padding.SAME), false, bytes(r, 32 * 4 * 9),
        r.ints(32, -20_000, 20_000).toArray(), multipliers(r, 32), shifts(32, -9), -3, cOut,
        -100, 50));
    if (peek) {
      layers.add(new Int8Reshape("peek", List.of("c"), Shape.of(32 * 16 * 16), cOut));
    }
    layers.add(new Int8Pool("pool", List.of("c"), Shape.of(32, 16, 16), Shape.of(32, 8, 8), false,
        new ConvGeometry(3, 3, 2, 2, 1, 1, Padding.SAME), cOut));
    return new Int8Model(graph, new QuantParams(1.0 / 255, -128), layers, "pool");
  }

  @Test
  void fusedConvAndMaxPoolGiveTheUnfusedCodes() {
    Int8Engine fused = new Int8Engine(convPoolModel(false));
    Int8Engine separate = new Int8Engine(convPoolModel(true));
    byte[][] batch = examples(fused.model(), 5, 12);
    byte[][][] f = fused.runTensors(batch);
    byte[][][] s = separate.runTensors(batch);
    // The fusion did happen (the convolution has no tensor) and did not in the other model.
    assertTrue(f[1] == null, "conv tensor of the fused model");
    assertTrue(s[1] != null, "conv tensor of the unfused model");
    byte[][] pooled = fused.run(batch);
    byte[][] reference = separate.run(batch);
    Set<Byte> codes = new HashSet<>();
    for (int b = 0; b < batch.length; b++) {
      assertArrayEquals(reference[b], pooled[b], "batch, example " + b);
      // A batch of one: runAlone, split across the kernel threads.
      assertArrayEquals(reference[b], fused.run(batch[b]), "alone, example " + b);
      assertArrayEquals(separate.run(batch[b]), fused.run(batch[b]), "both alone, example " + b);
      for (byte c : pooled[b]) {
        codes.add(c);
      }
    }
    // Codes spread over the clamp range, both clamps reached: not a degenerate comparison.
    assertTrue(codes.size() >= 50, "distinct codes " + codes.size());
    assertTrue(codes.contains((byte) 50), "the upper clamp is reached");
    assertTrue(codes.contains((byte) -100), "the lower clamp is reached");
  }

  // ---------------------------------------------------------------------------------------------
  // bad batches: the message names the expected size (128) and shape ([2, 8, 8])

  @Test
  void emptyBatchIsRejected() {
    Int8Engine engine = new Int8Engine(MODEL);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> engine.run(new byte[0][]));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void emptyBatchMessageNamesTheExpectedSizeAndShape() {
    Int8Engine engine = new Int8Engine(MODEL);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> engine.run(new byte[0][]));
    assertTrue(e.getMessage().contains("128"), e.getMessage());
    assertTrue(e.getMessage().contains("[2, 8, 8]"), e.getMessage());
    Int8Predictor p = Int8Predictor.of(OTHER);
    IllegalArgumentException q =
        assertThrows(IllegalArgumentException.class, () -> p.predict(new float[0][]));
    assertTrue(q.getMessage().contains("36"), q.getMessage());
    assertTrue(q.getMessage().contains("[1, 6, 6]"), q.getMessage());
  }

  @Test
  void nullExampleIsRejectedNamingSizeAndShape() {
    Int8Engine engine = new Int8Engine(MODEL);
    byte[][] batch = {new byte[128], null, new byte[128]};
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> engine.run(batch));
    String m = e.getMessage();
    assertTrue(m.contains("example 1"), m);
    assertTrue(m.contains("128"), m);
    assertTrue(m.contains("[2, 8, 8]"), m);
    assertTrue(m.contains(Int8Fixtures.NAME), m);
    IllegalArgumentException single =
        assertThrows(IllegalArgumentException.class, () -> engine.run((byte[]) null));
    assertTrue(single.getMessage().contains("[2, 8, 8]"), single.getMessage());
  }

  @Test
  void wrongLengthExampleIsRejectedNamingSizeAndShape() {
    Int8Engine engine = new Int8Engine(MODEL);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> engine.run(new byte[][] {new byte[128], new byte[127]}));
    String m = e.getMessage();
    assertTrue(m.contains("example 1"), m);
    assertTrue(m.contains("127"), m);
    assertTrue(m.contains("128"), m);
    assertTrue(m.contains("[2, 8, 8]"), m);

    Int8Engine other = new Int8Engine(OTHER);
    IllegalArgumentException o =
        assertThrows(IllegalArgumentException.class, () -> other.run(new byte[128]));
    assertTrue(o.getMessage().contains("36"), o.getMessage());
    assertTrue(o.getMessage().contains("[1, 6, 6]"), o.getMessage());
    assertTrue(o.getMessage().contains(Int8Fixtures.OTHER_NAME), o.getMessage());
  }

  // ---------------------------------------------------------------------------------------------
  // concurrency

  private static void concurrentCallersMatchSingleThreadedReference(Int8Model model)
      throws Exception {
    // Ten batches of sizes 1..7 (three of size 1, which take the runAlone path), with reference
    // outputs from one caller thread on a separate engine; then 4 threads × 50 batches on one
    // shared engine, all released together.
    int distinctBatches = 10;
    int[] sizes = {1, 7, 3, 1, 5, 2, 6, 1, 4, 7};
    byte[][][] batches = new byte[distinctBatches][][];
    byte[][][] expected = new byte[distinctBatches][][];
    Int8Engine reference = new Int8Engine(model);
    for (int i = 0; i < distinctBatches; i++) {
      batches[i] = examples(model, sizes[i], 100 + i);
      expected[i] = reference.run(batches[i]);
    }
    Int8Engine shared = new Int8Engine(model);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<byte[][][]>> futures = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      futures.add(CALLERS.submit(() -> {
        start.await();
        byte[][][] got = new byte[50][][];
        for (int i = 0; i < 50; i++) {
          got[i] = shared.run(batches[(thread * 3 + i) % distinctBatches]);
        }
        return got;
      }));
    }
    start.countDown();
    for (int t = 0; t < 4; t++) {
      byte[][][] got = futures.get(t).get(2, TimeUnit.MINUTES);
      for (int i = 0; i < 50; i++) {
        byte[][] want = expected[(t * 3 + i) % distinctBatches];
        assertEquals(want.length, got[i].length);
        for (int b = 0; b < want.length; b++) {
          assertArrayEquals(want[b], got[i][b], "thread " + t + ", batch " + i + ", example " + b);
        }
      }
    }
  }

  @Test
  void concurrentCallersOnOneEngineGetTheSingleThreadedOutputs() throws Exception {
    concurrentCallersMatchSingleThreadedReference(MODEL);
  }

  @Test
  void concurrentCallersOnTheSplitPathGetTheSingleThreadedOutputs() throws Exception {
    concurrentCallersMatchSingleThreadedReference(BIG);
  }

  // ---------------------------------------------------------------------------------------------
  // Int8Predictor

  @Test
  void quantizeRejectsNaNNamingTheIndex() {
    Int8Predictor p = Int8Predictor.of(MODEL);
    float[] x = new float[128];
    x[37] = Float.NaN;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.quantize(x));
    assertTrue(e.getMessage().contains("input value 37 is NaN"), e.getMessage());
    IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
        () -> p.predict(new float[][] {new float[128], x}));
    assertTrue(batch.getMessage().contains("example 1"), batch.getMessage());
    assertTrue(batch.getMessage().contains("37"), batch.getMessage());
  }

  @Test
  void predictOfTheWrongLengthNamesTheShape() {
    Int8Predictor p = Int8Predictor.of(MODEL);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> p.predict(new float[127]));
    String m = e.getMessage();
    assertTrue(m.contains("127"), m);
    assertTrue(m.contains("128"), m);
    assertTrue(m.contains("[2, 8, 8]"), m);
    Int8Predictor other = Int8Predictor.of(OTHER);
    IllegalArgumentException o =
        assertThrows(IllegalArgumentException.class, () -> other.predict(new float[128]));
    assertTrue(o.getMessage().contains("[1, 6, 6]"), o.getMessage());
  }

  @Test
  void quantizeCodesByHand() {
    // Input quantization of MODEL: scale 1/255, zero point −128. 0 → −128; 1 → 255 − 128 = 127;
    // 0.2 → 51 − 128 = −77; 0.5 → 127.5 → 128 (ties away from zero) → 0; 2 → saturates at 127;
    // −1 → saturates at −128; 1/255 → −127.
    Int8Predictor p = Int8Predictor.of(MODEL);
    float[] x = new float[128];
    float[] values = {0f, 1f, 0.2f, 0.5f, 2f, -1f, 1f / 255};
    System.arraycopy(values, 0, x, 0, values.length);
    byte[] q = p.quantize(x);
    byte[] expected = new byte[128];
    Arrays.fill(expected, (byte) -128);
    byte[] head = {-128, 127, -77, 0, 127, -128, -127};
    System.arraycopy(head, 0, expected, 0, head.length);
    assertArrayEquals(expected, q);
  }

  /** A model that only flattens its input: its output quantization is the input's, {@code q}. */
  private static Int8Model identity(QuantParams q) {
    return new Int8Model(Int8Fixtures.graph(), q,
        List.of(new Int8Reshape("flat", List.of(Int8Model.INPUT), Shape.of(128), q)), "flat");
  }

  @Test
  void quantizeRoundsTiesAwayFromZeroAndSaturates() {
    // Scale 0.25 (exact in binary), zero point −3: x / 0.25 then round, ties away from zero:
    // 0.125 → 0.5 → 1 → −2; −0.125 → −0.5 → −1 → −4; 0.625 → 2.5 → 3 → 0;
    // −0.375 → −1.5 → −2 → −5; 40 → 160 → 157 → 127; −40 → −163 → −128; 1 → 4 → 1.
    // (Ties to even would give −3, −3, −1, −5; truncation −3, −3, −1, −4.)
    Int8Predictor p = Int8Predictor.of(identity(new QuantParams(0.25, -3)));
    float[] x = new float[128];
    float[] head = {0.125f, -0.125f, 0.625f, -0.375f, 40f, -40f, 1f};
    System.arraycopy(head, 0, x, 0, head.length);
    byte[] q = p.quantize(x);
    byte[] expected = new byte[128];
    Arrays.fill(expected, (byte) -3);
    byte[] codes = {-2, -4, 0, -5, 127, -128, 1};
    System.arraycopy(codes, 0, expected, 0, codes.length);
    assertArrayEquals(expected, q);
    // Back: 0.25 · (code + 3): 0.25, −0.25, 0.75, −0.5, 32.5, −31.25, 1.
    float[] back = p.dequantize(q);
    assertArrayEquals(new float[] {0.25f, -0.25f, 0.75f, -0.5f, 32.5f, -31.25f, 1f},
        Arrays.copyOf(back, 7), 0f);
  }

  /** Uniform in [0, 1). */
  private static float[] randomInput(SplittableRandom r, int n) {
    return randomInput(r, n, 0, 1);
  }

  private static float[] randomInput(SplittableRandom r, int n, double lo, double hi) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (lo + (hi - lo) * r.nextDouble());
    }
    return x;
  }

  @Test
  void classifyIsTheArgMaxOfPredict() {
    // The argmax is taken here by hand, the first index on ties. MODEL's softmax output ties
    // (three classes share the top code for every input), so the first-on-ties rule is
    // exercised; OTHER and BIG give several classes over inputs of varying range.
    for (Int8Model model : List.of(MODEL, OTHER, BIG)) {
      Int8Predictor p = Int8Predictor.of(model);
      SplittableRandom r = new SplittableRandom(8);
      Set<Integer> classes = new HashSet<>();
      float[][] batch = new float[20][];
      for (int k = 0; k < 20; k++) {
        float[] x = k % 2 == 0 ? randomInput(r, p.inputSize(), -1, 1)
            : randomInput(r, p.inputSize(), 0, 0.1 + 0.05 * k);
        batch[k] = x;
        float[] y = p.predict(x);
        assertEquals(p.outputSize(), y.length);
        int best = 0;
        for (int i = 1; i < y.length; i++) {
          if (y[i] > y[best]) {
            best = i;
          }
        }
        assertEquals(best, p.classify(x), model.graph().name() + " example " + k);
        classes.add(best);
      }
      int[] batched = p.classify(batch);
      float[][] predicted = p.predict(batch);
      for (int k = 0; k < 20; k++) {
        assertEquals(p.classify(batch[k]), batched[k]);
        assertArrayEquals(p.predict(batch[k]), predicted[k], 0f);
      }
      if (model != MODEL) {
        assertTrue(classes.size() >= 2, model.graph().name() + " classes " + classes);
      }
    }
  }

  @Test
  void quantizedInputIsWithinHalfAStepOfTheInput() {
    // In-range x ∈ [0, 1] for scale 1/255, zero point −128: |dequantize(quantize(x)) − x| ≤
    // scale / 2 + 1e-6 (1e-6 for the float input and the float output).
    Int8Predictor p = Int8Predictor.of(MODEL);
    QuantParams in = MODEL.input();
    double tolerance = in.scale() / 2 + 1e-6;
    SplittableRandom r = new SplittableRandom(9);
    for (int k = 0; k < 20; k++) {
      float[] x = randomInput(r, 128);
      x[0] = 0f;
      x[1] = 1f;
      byte[] q = p.quantize(x);
      for (int i = 0; i < x.length; i++) {
        double back = in.dequantize(q[i]);
        assertTrue(Math.abs(back - x[i]) <= tolerance, "x = " + x[i] + " came back as " + back);
      }
    }
  }

  @Test
  void dequantizeOfQuantizeIsWithinHalfAStep() {
    // Int8Predictor.dequantize uses the OUTPUT quantization, so the round trip through the
    // predictor needs a model whose output has the input's: here a lone Flatten (identity).
    // Scale 1/255, zero point −128, x ∈ [0, 1]; tolerance scale / 2 + 1e-6.
    QuantParams q = new QuantParams(1.0 / 255, -128);
    Int8Predictor p = Int8Predictor.of(identity(q));
    double tolerance = q.scale() / 2 + 1e-6;
    SplittableRandom r = new SplittableRandom(10);
    for (int k = 0; k < 20; k++) {
      float[] x = randomInput(r, 128);
      x[0] = 0f;
      x[1] = 1f;
      x[2] = 0.5f;
      float[] back = p.dequantize(p.quantize(x));
      float[] predicted = p.predict(x);
      for (int i = 0; i < x.length; i++) {
        assertTrue(Math.abs(back[i] - x[i]) <= tolerance, "x = " + x[i] + " → " + back[i]);
        assertEquals(back[i], predicted[i], 0f);
      }
    }
    // 0.5 is 127.5 steps: it rounds away from zero to code 0, 128 / 255 = 0.50196…
    float[] half = new float[128];
    half[0] = 0.5f;
    assertEquals(128 / 255.0, p.dequantize(p.quantize(half))[0], 1e-6);
  }

  @Test
  void bigModelOutputsVary() {
    // Guards the split-path tests against a degenerate BIG whose outputs would all saturate.
    byte[][] out = new Int8Engine(BIG).run(examples(BIG, 7, 11));
    Set<Byte> codes = new HashSet<>();
    for (byte[] o : out) {
      for (byte b : o) {
        codes.add(b);
      }
    }
    assertTrue(codes.size() >= 30, "distinct codes " + codes.size());
  }
}
