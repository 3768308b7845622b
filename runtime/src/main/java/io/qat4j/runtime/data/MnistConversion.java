package io.qat4j.runtime.data;

/**
 * Turns an images IDX array [N, H, W] and a labels IDX array [N] into a {@link Dataset} of
 * [N, 1, H, W] floats in [0, 1], checking that they agree.
 */
final class MnistConversion {
  private static final float MAX_PIXEL = 255f;

  private MnistConversion() {}

  static Dataset toDataset(IdxArray images, IdxArray labels, int classes)
      throws DataFileException {
    if (images.rank() != 3) {
      throw new DataFileException(
          images.file(),
          "images must have 3 dimensions (count x height x width), found "
              + IdxHeader.shapeText(images.dims()));
    }
    if (labels.rank() != 1) {
      throw new DataFileException(
          labels.file(),
          "labels must have 1 dimension (count), found " + IdxHeader.shapeText(labels.dims()));
    }
    int count = images.dim(0);
    if (labels.dim(0) != count) {
      throw new DataFileException(
          images.file(),
          "count mismatch: " + count + " images but " + labels.dim(0) + " labels in "
              + labels.file());
    }
    int[] labelValues = new int[count];
    for (int i = 0; i < count; i++) {
      int label = labels.unsigned(i);
      if (label >= classes) {
        throw new DataFileException(
            labels.file(),
            "label " + label + " at index " + i + " is outside 0.." + (classes - 1));
      }
      labelValues[i] = label;
    }
    byte[] pixels = images.data();
    float[] scaled = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      scaled[i] = (pixels[i] & 0xff) / MAX_PIXEL;
    }
    int[] exampleShape = {1, images.dim(1), images.dim(2)};
    return new Dataset(scaled, labelValues, 0, count, exampleShape, classes);
  }
}
