package io.qat4j.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Loads the real data installed by the Debian package {@code dataset-fashion-mnist} ({@code
 * .ci/run} installs it); fails, with the install instructions, when it is absent.
 */
class FashionMnistRealDataTest {
  @Test
  void testSplit() throws Exception {
    Dataset test = FashionMnist.test(FashionMnist.DEFAULT_DIRECTORY);
    assertEquals(10_000, test.size());
    assertArrayEquals(new int[] {1, 28, 28}, test.exampleShape());
    assertEquals(10, test.classes());
    int[] perClass = new int[10];
    Arrays.fill(perClass, 1000);
    assertArrayEquals(perClass, test.classCounts());
    // Ankle boot, pullover, trouser, trouser, shirt, trouser, coat, shirt, sandal, sneaker.
    assertArrayEquals(new int[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, test.subset(0, 10).labels());
  }

  @Test
  void testSplitPixels() throws Exception {
    Dataset test = FashionMnist.test(FashionMnist.DEFAULT_DIRECTORY);
    double sum = 0;
    float min = Float.MAX_VALUE;
    float max = -Float.MAX_VALUE;
    for (int i = 0; i < test.size(); i++) {
      for (float v : test.image(i)) {
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    assertEquals(0f, min);
    assertEquals(1f, max);
    assertEquals(0.2868, sum / (test.size() * 784.0), 1e-3, "mean pixel of the test split");
    float[] first = test.image(0);
    assertEquals(517, countZeros(first), "background pixels of the first test image");
  }

  @Test
  void trainSplit() throws Exception {
    Dataset train = FashionMnist.train(FashionMnist.DEFAULT_DIRECTORY);
    assertEquals(60_000, train.size());
    assertArrayEquals(new int[] {1, 28, 28}, train.exampleShape());
    for (int count : train.classCounts()) {
      assertEquals(6000, count);
    }
  }

  @Test
  void batchesOfARealSubset() throws Exception {
    Dataset small = FashionMnist.test(FashionMnist.DEFAULT_DIRECTORY).subset(0, 100);
    Batches batches = Batches.shuffled(small, 64, 7);
    Batch last = batches.batch(0, 1);
    assertEquals(36, last.size());
    assertArrayEquals(new long[] {36, 1, 28, 28}, last.features().shape());
    assertArrayEquals(new long[] {36, 10}, last.labels().shape());
    assertEquals(36.0, last.labels().sumNumber().doubleValue(), 0.0);
    assertTrue(last.features().maxNumber().floatValue() <= 1f);
  }

  private static int countZeros(float[] values) {
    int zeros = 0;
    for (float v : values) {
      if (v == 0f) {
        zeros++;
      }
    }
    return zeros;
  }
}
