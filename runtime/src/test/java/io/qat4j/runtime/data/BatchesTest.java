package io.qat4j.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class BatchesTest {
  private static final int CLASSES = 3;

  /**
   * {@code n} examples of shape [2, 1, 3]; every value of example {@code i} identifies it (its
   * first value is {@code i}), and its label is {@code i % 3}.
   */
  private static Dataset data(int n) {
    float[] images = new float[n * 6];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 6; k++) {
        images[i * 6 + k] = i + k / 10f;
      }
      labels[i] = i % CLASSES;
    }
    return Dataset.of(images, new int[] {2, 1, 3}, labels, CLASSES);
  }

  /** The example index of each row of a batch, read back from its features. */
  private static int[] examples(Batch b) {
    float[] f = b.features().data().asFloat();
    int[] out = new int[b.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.round(f[i * 6]);
    }
    return out;
  }

  private static List<Batch> all(Iterable<Batch> batches) {
    List<Batch> out = new ArrayList<>();
    batches.forEach(out::add);
    return out;
  }

  private static int[] epochOrder(Batches batches, int epoch) {
    return all(batches.epoch(epoch)).stream().flatMapToInt(b -> Arrays.stream(examples(b)))
        .toArray();
  }

  @Test
  void sizesKeepTheLastPartialBatch() {
    Batches batches = Batches.shuffled(data(10), 4, 1);
    assertEquals(3, batches.batchesPerEpoch());
    assertEquals(List.of(4, 4, 2), all(batches.epoch(0)).stream().map(Batch::size).toList());
  }

  @Test
  void dropLastDropsThePartialBatch() {
    Batches batches = Batches.shuffled(data(10), 4, 1).dropLast(true);
    assertEquals(2, batches.batchesPerEpoch());
    assertEquals(List.of(4, 4), all(batches.epoch(0)).stream().map(Batch::size).toList());
  }

  @Test
  void exactMultipleHasNoPartialBatch() {
    Batches batches = Batches.inOrder(data(8), 4);
    assertEquals(2, batches.batchesPerEpoch());
    assertEquals(2, batches.dropLast(true).batchesPerEpoch());
  }

  @Test
  void fewerExamplesThanABatch() {
    assertEquals(List.of(3), all(Batches.inOrder(data(3), 8).epoch(0)).stream()
        .map(Batch::size).toList());
    assertEquals(0, Batches.inOrder(data(3), 8).dropLast(true).batchesPerEpoch());
  }

  @Test
  void emptyDatasetHasNoBatches() {
    assertFalse(Batches.shuffled(data(4).subset(2, 2), 2, 0).epoch(0).iterator().hasNext());
  }

  @Test
  void featureShapeAndType() {
    Batch b = Batches.inOrder(data(10), 4).batch(0, 2);
    assertArrayEquals(new long[] {2, 2, 1, 3}, b.features().shape());
    assertEquals(DataType.FLOAT, b.features().dataType());
    assertEquals('c', b.features().ordering());
  }

  @Test
  void featuresAreTheExamples() {
    Dataset d = data(5);
    Batch b = Batches.shuffled(d, 5, 9).batch(0, 0);
    int[] order = Batches.shuffled(d, 5, 9).order(0);
    float[] f = b.features().data().asFloat();
    for (int r = 0; r < 5; r++) {
      assertArrayEquals(d.image(order[r]), Arrays.copyOfRange(f, r * 6, r * 6 + 6));
    }
  }

  @Test
  void featureIndexingIsBatchChannelHeightWidth() {
    Batch b = Batches.inOrder(data(4), 4).batch(0, 0);
    // example 2, channel 1, row 0, column 2 is value 2 + (1 * 3 + 2) / 10
    assertEquals(2.5f, b.features().getFloat(2, 1, 0, 2), 1e-6f);
  }

  @Test
  void labelsAreOneHot() {
    Batch b = Batches.shuffled(data(7), 7, 3).batch(0, 0);
    assertArrayEquals(new long[] {7, CLASSES}, b.labels().shape());
    assertEquals(DataType.FLOAT, b.labels().dataType());
    int[] examples = examples(b);
    int[] indices = b.classIndices();
    for (int r = 0; r < 7; r++) {
      assertEquals(examples[r] % CLASSES, indices[r]);
      for (int c = 0; c < CLASSES; c++) {
        assertEquals(c == indices[r] ? 1f : 0f, b.labels().getFloat(r, c));
      }
    }
  }

  @Test
  void everyEpochCoversEveryExampleOnce() {
    Batches batches = Batches.shuffled(data(23), 5, 77);
    for (int epoch = 0; epoch < 3; epoch++) {
      int[] seen = epochOrder(batches, epoch);
      Arrays.sort(seen);
      assertArrayEquals(Shuffle.identity(23), seen);
    }
  }

  @Test
  void inOrderIsTheDatasetOrderEveryEpoch() {
    Batches batches = Batches.inOrder(data(9), 4);
    assertArrayEquals(Shuffle.identity(9), epochOrder(batches, 0));
    assertArrayEquals(Shuffle.identity(9), epochOrder(batches, 5));
  }

  @Test
  void sameSeedSameOrder() {
    assertArrayEquals(
        epochOrder(Batches.shuffled(data(50), 8, 123), 2),
        epochOrder(Batches.shuffled(data(50), 8, 123), 2));
  }

  @Test
  void differentSeedDifferentOrder() {
    assertFalse(
        Arrays.equals(
            epochOrder(Batches.shuffled(data(50), 8, 1), 0),
            epochOrder(Batches.shuffled(data(50), 8, 2), 0)));
  }

  @Test
  void differentEpochsDifferentOrder() {
    Batches batches = Batches.shuffled(data(50), 8, 123);
    assertFalse(Arrays.equals(epochOrder(batches, 0), epochOrder(batches, 1)));
  }

  @Test
  void orderMatchesTheBatches() {
    Batches batches = Batches.shuffled(data(30), 7, 5);
    assertArrayEquals(batches.order(4), epochOrder(batches, 4));
  }

  @Test
  void eachBatchSaysWhichDataSetExampleEachRowIs() {
    // A subset, so the index is the subset's own, the data set the batches were made of.
    for (Batch b : Batches.shuffled(data(30).subset(5, 28), 4, 17).epoch(2)) {
      int[] rows = examples(b);
      for (int i = 0; i < b.size(); i++) {
        assertEquals(rows[i] - 5, b.example(i), "row " + i + " of batch " + b.index());
      }
    }
  }

  @Test
  void resumedEpochSeesTheUninterruptedOrder() {
    Batches uninterrupted = Batches.shuffled(data(40), 6, 99);
    List<Batch> full = all(uninterrupted.epoch(3));
    // A new process: fresh Batches, same seed, resumed at epoch 3, batch 4.
    Iterator<Batch> resumed = Batches.shuffled(data(40), 6, 99).epoch(3, 4);
    for (int i = 4; i < full.size(); i++) {
      Batch b = resumed.next();
      assertEquals(i, b.index());
      assertEquals(3, b.epoch());
      assertArrayEquals(examples(full.get(i)), examples(b));
      assertEquals(full.get(i).labels(), b.labels());
    }
    assertFalse(resumed.hasNext());
  }

  @Test
  void resumedAtAnEpochNotRunBefore() {
    // Epoch 2 computed directly equals epoch 2 reached after epochs 0 and 1.
    Batches a = Batches.shuffled(data(33), 4, 8);
    epochOrder(a, 0);
    epochOrder(a, 1);
    assertArrayEquals(epochOrder(a, 2), epochOrder(Batches.shuffled(data(33), 4, 8), 2));
  }

  @Test
  void randomAccessEqualsIteration() {
    Batches batches = Batches.shuffled(data(20), 6, 4);
    List<Batch> it = all(batches.epoch(1));
    for (int i = 0; i < it.size(); i++) {
      assertArrayEquals(examples(it.get(i)), examples(batches.batch(1, i)));
    }
  }

  @Test
  void batchesDoNotShareStorage() {
    Iterator<Batch> it = Batches.inOrder(data(8), 4).epoch(0, 0);
    Batch first = it.next();
    float[] before = first.features().data().asFloat();
    it.next();
    assertArrayEquals(before, first.features().data().asFloat());
    assertArrayEquals(new int[] {0, 1, 2, 3}, examples(first));
  }

  @Test
  void iteratorEndsWithNoSuchElement() {
    Iterator<Batch> it = Batches.inOrder(data(4), 4).epoch(0, 0);
    it.next();
    assertFalse(it.hasNext());
    assertThrows(NoSuchElementException.class, it::next);
  }

  @Test
  void invalidArgumentsAreRejected() {
    Dataset d = data(10);
    assertThrows(IllegalArgumentException.class, () -> Batches.shuffled(d, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> Batches.inOrder(d, 4).epoch(-1));
    assertThrows(IndexOutOfBoundsException.class, () -> Batches.inOrder(d, 4).epoch(0, 4));
    assertThrows(IndexOutOfBoundsException.class, () -> Batches.inOrder(d, 4).batch(0, 3));
  }

  @Test
  void batchKnowsItsPlace() {
    Batch b = Batches.shuffled(data(10), 4, 1).batch(2, 1);
    assertEquals(2, b.epoch());
    assertEquals(1, b.index());
  }
}
