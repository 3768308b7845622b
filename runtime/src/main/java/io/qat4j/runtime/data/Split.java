package io.qat4j.runtime.data;

/** The two standard parts of an MNIST-like data set, named as in its file names. */
public enum Split {
  /** The training part: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}. */
  TRAIN("train"),
  /** The test part: {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}. */
  TEST("t10k");

  private final String prefix;

  Split(String prefix) {
    this.prefix = prefix;
  }

  /** The images file name, without {@code .gz}. */
  public String imagesFile() {
    return prefix + "-images-idx3-ubyte";
  }

  /** The labels file name, without {@code .gz}. */
  public String labelsFile() {
    return prefix + "-labels-idx1-ubyte";
  }
}
