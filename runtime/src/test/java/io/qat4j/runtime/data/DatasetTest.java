package io.qat4j.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatasetTest {
  /** Four 2x1x2 examples whose values are 0..15 / 16, labels 3, 0, 1, 3 of 4 classes. */
  private static Dataset four() {
    float[] images = new float[16];
    for (int i = 0; i < 16; i++) {
      images[i] = i / 16f;
    }
    return Dataset.of(images, new int[] {2, 1, 2}, new int[] {3, 0, 1, 3}, 4);
  }

  @Test
  void shapeAndSize() {
    Dataset d = four();
    assertEquals(4, d.size());
    assertEquals(4, d.classes());
    assertArrayEquals(new int[] {2, 1, 2}, d.exampleShape());
    assertEquals(2, d.channels());
    assertEquals(1, d.height());
    assertEquals(2, d.width());
    assertEquals(4, d.exampleLength());
  }

  @Test
  void imagesAndLabels() {
    Dataset d = four();
    assertArrayEquals(new float[] {4 / 16f, 5 / 16f, 6 / 16f, 7 / 16f}, d.image(1));
    assertEquals(1, d.label(2));
    assertArrayEquals(new int[] {3, 0, 1, 3}, d.labels());
  }

  @Test
  void copyImageAtOffset() {
    float[] dst = new float[6];
    four().copyImage(3, dst, 1);
    assertArrayEquals(new float[] {0, 12 / 16f, 13 / 16f, 14 / 16f, 15 / 16f, 0}, dst);
  }

  @Test
  void subsetIsAView() {
    Dataset s = four().subset(1, 3);
    assertEquals(2, s.size());
    assertArrayEquals(new int[] {0, 1}, s.labels());
    assertArrayEquals(four().image(2), s.image(1));
    assertEquals("Dataset[2 x 2 x 1 x 2, 4 classes]", s.toString());
  }

  @Test
  void subsetOfSubset() {
    Dataset s = four().subset(1, 4).subset(1, 2);
    assertArrayEquals(new int[] {1}, s.labels());
    assertArrayEquals(four().image(2), s.image(0));
  }

  @Test
  void emptySubsetIsAllowed() {
    assertEquals(0, four().subset(2, 2).size());
  }

  @Test
  void subsetBoundsAreChecked() {
    Dataset d = four();
    assertThrows(IndexOutOfBoundsException.class, () -> d.subset(-1, 2));
    assertThrows(IndexOutOfBoundsException.class, () -> d.subset(3, 2));
    assertThrows(IndexOutOfBoundsException.class, () -> d.subset(0, 5));
  }

  @Test
  void indexIsCheckedWithinASubset() {
    Dataset s = four().subset(0, 2);
    assertThrows(IndexOutOfBoundsException.class, () -> s.label(2));
    assertThrows(IndexOutOfBoundsException.class, () -> s.image(-1));
  }

  @Test
  void classCounts() {
    assertArrayEquals(new int[] {1, 1, 0, 2}, four().classCounts());
    assertArrayEquals(new int[] {1, 1, 0, 0}, four().subset(1, 3).classCounts());
  }

  @Test
  void ofCopiesItsArguments() {
    float[] images = {0.5f};
    int[] labels = {0};
    Dataset d = Dataset.of(images, new int[] {1, 1, 1}, labels, 1);
    images[0] = 9f;
    labels[0] = 7;
    assertArrayEquals(new float[] {0.5f}, d.image(0));
    assertEquals(0, d.label(0));
  }

  @Test
  void ofRejectsALabelOutOfRange() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Dataset.of(new float[2], new int[] {1, 1, 1}, new int[] {0, 12}, 10));
    assertTrue(e.getMessage().contains("label 12 at index 1"), e.getMessage());
  }

  @Test
  void ofRejectsMismatchedLengths() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Dataset.of(new float[3], new int[] {1, 1, 1}, new int[] {0, 1}, 2));
  }

  @Test
  void ofRejectsABadShape() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Dataset.of(new float[1], new int[] {1, 1}, new int[] {0}, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> Dataset.of(new float[0], new int[] {1, 0, 1}, new int[] {0}, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> Dataset.of(new float[1], new int[] {1, 1, 1}, new int[] {0}, 0));
  }
}
