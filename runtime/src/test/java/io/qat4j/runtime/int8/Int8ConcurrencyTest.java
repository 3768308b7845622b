package io.qat4j.runtime.int8;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import io.qat4j.model.SoftmaxSpec;
import io.qat4j.plan.QuantizedGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One int8 model serving many threads at once gives, for every example, exactly the codes it gives
 * on one thread (integer arithmetic: tolerance 0). The model is large enough that a batch of one
 * takes the engine's split paths: its first convolution (1.8M MACs, fused with its max pool) and
 * its 128-unit Dense are shared between the kernel threads, and both run on the Vector API
 * microkernels when the module is present (as in the test JVM).
 */
class Int8ConcurrencyTest {
  private static final int CALLERS = 8;
  private static final int EXAMPLES = 48;

  private static QuantizedGraph graph() {
    return QuantizedGraph.plan(ModelDecl.builder("Served", Shape.of(8, 28, 28))
        .quantize(QuantizeDecl.DEFAULT)
        .layer("conv1", new Conv2DSpec(32, 3, 3, 1, 1, Padding.SAME, 1, 1, false, Activation.NONE))
        .layer("bn1", new BatchNormSpec(0.001, 0.9))
        .layer("relu1", new ReluSpec())
        .layer("pool1", new MaxPoolSpec(2, 2, 2, 2, Padding.VALID))
        .layer("conv2", new Conv2DSpec(16, 3, 3, 2, 2, Padding.SAME, 1, 1, true, Activation.RELU))
        .layer("flat", new FlattenSpec())
        .layer("fc", new DenseSpec(128, true, Activation.RELU))
        .layer("logits", new DenseSpec(10, true, Activation.NONE))
        .layer("probs", new SoftmaxSpec())
        .build());
  }

  @Test
  void eightThreadsGetTheCodesOneThreadGets() throws Exception {
    QuantizedGraph graph = graph();
    Int8Predictor predictor = Int8Predictor.of(
        Int8Converter.convert(ConversionFixtures.settled(graph, 3, 2)));
    INDArray batch = ConversionFixtures.images(graph.input(), EXAMPLES, 17);
    byte[][] codes = new byte[EXAMPLES][];
    byte[][] expected = new byte[EXAMPLES][];
    for (int i = 0; i < EXAMPLES; i++) {
      codes[i] = predictor.quantize(ConversionFixtures.example(batch, i));
      expected[i] = predictor.runQuantized(codes[i]);
    }
    ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<byte[][]>> results = new ArrayList<>();
    try {
      for (int c = 0; c < CALLERS; c++) {
        long seed = c;
        results.add(callers.submit(() -> {
          start.await();
          return runShuffled(predictor, codes, seed);
        }));
      }
      start.countDown();
      for (int c = 0; c < CALLERS; c++) {
        byte[][] got = results.get(c).get(2, TimeUnit.MINUTES);
        for (int i = 0; i < EXAMPLES; i++) {
          assertArrayEquals(expected[i], got[i], "caller " + c + ", example " + i);
        }
      }
    } finally {
      callers.shutdownNow();
    }
  }

  /**
   * Every example, in an order of this caller's own, alternating batches of one (the split
   * paths) and of three (examples split across the kernel threads).
   */
  private static byte[][] runShuffled(Int8Predictor predictor, byte[][] codes, long seed) {
    int n = codes.length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    byte[][] out = new byte[n][];
    int k = 0;
    while (k < n) {
      if (k % 2 == 0 || k + 3 > n) {
        out[order[k]] = predictor.runQuantized(codes[order[k]]);
        k++;
      } else {
        byte[][] three = predictor.runQuantized(new byte[][] {
            codes[order[k]], codes[order[k + 1]], codes[order[k + 2]]});
        for (int j = 0; j < 3; j++) {
          out[order[k + j]] = three[j];
        }
        k += 3;
      }
    }
    assertEquals(n, java.util.Arrays.stream(out).filter(java.util.Objects::nonNull).count());
    return out;
  }
}
