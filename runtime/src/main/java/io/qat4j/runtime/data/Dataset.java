package io.qat4j.runtime.data;

import java.util.Arrays;

/**
 * An immutable set of labelled examples: images of shape [C, H, W] (channels first, stored as
 * floats, for loaded data scaled to [0, 1]) and class labels in {@code 0..classes-1}. The whole set
 * is viewed as [N, C, H, W]. {@link #subset} shares the storage, so it is cheap.
 */
public final class Dataset {
  private final float[] images;
  private final int[] labels;
  private final int offset;
  private final int size;
  private final int channels;
  private final int height;
  private final int width;
  private final int classes;

  /** Wraps without copying or checking; callers in this package have validated. */
  Dataset(
      float[] images,
      int[] labels,
      int offset,
      int size,
      int[] exampleShape,
      int classes) {
    this.images = images;
    this.labels = labels;
    this.offset = offset;
    this.size = size;
    this.channels = exampleShape[0];
    this.height = exampleShape[1];
    this.width = exampleShape[2];
    this.classes = classes;
  }

  /**
   * A data set over copies of the given arrays.
   *
   * @param images N examples of {@code exampleShape}, row-major [N, C, H, W]
   * @param exampleShape {@code {C, H, W}}, all positive
   * @param labels N labels, each in {@code 0..classes-1}
   * @param classes the number of classes, at least 1
   * @throws IllegalArgumentException if the lengths, shape or labels disagree
   */
  public static Dataset of(float[] images, int[] exampleShape, int[] labels, int classes) {
    if (exampleShape.length != 3) {
      throw new IllegalArgumentException(
          "example shape must be {C, H, W}, got " + Arrays.toString(exampleShape));
    }
    long exampleLength = 1;
    for (int d : exampleShape) {
      if (d <= 0) {
        throw new IllegalArgumentException(
            "example shape must be positive, got " + Arrays.toString(exampleShape));
      }
      exampleLength *= d;
    }
    if (classes < 1) {
      throw new IllegalArgumentException("classes must be at least 1, got " + classes);
    }
    if (images.length != exampleLength * labels.length) {
      throw new IllegalArgumentException(
          images.length + " image values do not make " + labels.length + " examples of shape "
              + Arrays.toString(exampleShape));
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException(
            "label " + labels[i] + " at index " + i + " is outside 0.." + (classes - 1));
      }
    }
    return new Dataset(
        images.clone(), labels.clone(), 0, labels.length, exampleShape.clone(), classes);
  }

  /** The number of examples, N. */
  public int size() {
    return size;
  }

  /** The number of classes; labels are {@code 0..classes()-1}. */
  public int classes() {
    return classes;
  }

  /** Channels per example, C. */
  public int channels() {
    return channels;
  }

  /** Image height, H. */
  public int height() {
    return height;
  }

  /** Image width, W. */
  public int width() {
    return width;
  }

  /** The shape of one example, {@code {C, H, W}}. */
  public int[] exampleShape() {
    return new int[] {channels, height, width};
  }

  /** Values per example, C·H·W. */
  public int exampleLength() {
    return channels * height * width;
  }

  /** The label of example {@code i}. */
  public int label(int i) {
    return labels[offset + checkIndex(i)];
  }

  /** A copy of all labels, in order. */
  public int[] labels() {
    return Arrays.copyOfRange(labels, offset, offset + size);
  }

  /** A copy of example {@code i}, row-major [C, H, W]. */
  public float[] image(int i) {
    float[] out = new float[exampleLength()];
    copyImage(i, out, 0);
    return out;
  }

  /** Copies example {@code i} into {@code dst} starting at {@code dstOffset}. */
  public void copyImage(int i, float[] dst, int dstOffset) {
    int length = exampleLength();
    System.arraycopy(images, (offset + checkIndex(i)) * length, dst, dstOffset, length);
  }

  /**
   * Examples {@code from} (inclusive) to {@code to} (exclusive), sharing this set's storage; for
   * small CI runs use {@code subset(0, 1000)}.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= size()}
   */
  public Dataset subset(int from, int to) {
    if (from < 0 || from > to || to > size) {
      throw new IndexOutOfBoundsException(
          "subset [" + from + ", " + to + ") of a data set of " + size + " examples");
    }
    return new Dataset(images, labels, offset + from, to - from, exampleShape(), classes);
  }

  /** How many examples each class has, indexed by label. */
  public int[] classCounts() {
    int[] counts = new int[classes];
    for (int i = offset; i < offset + size; i++) {
      counts[labels[i]]++;
    }
    return counts;
  }

  private int checkIndex(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("example " + i + " of " + size);
    }
    return i;
  }

  @Override
  public String toString() {
    return "Dataset[" + size + " x " + channels + " x " + height + " x " + width + ", " + classes
        + " classes]";
  }
}
