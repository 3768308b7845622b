package io.qat4j.runtime.data;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads Fashion-MNIST (or MNIST, which has the same files) from a directory of IDX files named
 * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}
 * and {@code t10k-labels-idx1-ubyte}, each raw or gzip-compressed with {@code .gz} appended.
 * Images come back as [N, 1, 28, 28] floats in [0, 1], labels as 0..9.
 *
 * <pre>{@code
 * Dataset train = FashionMnist.load(FashionMnist.DEFAULT_DIRECTORY, Split.TRAIN);
 * }</pre>
 */
public final class FashionMnist {
  /** Where the Debian package {@value #DEBIAN_PACKAGE} installs the files. */
  public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

  /** The Debian package that ships the data. */
  public static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";

  /** Number of classes (labels 0..9). */
  public static final int CLASSES = 10;

  private static final Logger LOG = LoggerFactory.getLogger(FashionMnist.class);
  private static final String INSTALL_HINT =
      "Install the Debian package " + DEBIAN_PACKAGE + " (apt-get install -y " + DEBIAN_PACKAGE
          + "), which puts the files in " + DEFAULT_DIRECTORY
          + ", or give a different directory with --data DIR.";

  private FashionMnist() {}

  /**
   * Loads one split from {@code dir}.
   *
   * @throws DataFileException if the directory or a file is missing (the message says how to
   *     install the data) or a file is malformed, or images and labels disagree
   */
  public static Dataset load(Path dir, Split split) throws DataFileException {
    long start = System.nanoTime();
    DataDirectory files = new DataDirectory(dir, INSTALL_HINT);
    files.check();
    IdxArray images = IdxReader.read(files.find(split.imagesFile()));
    IdxArray labels = IdxReader.read(files.find(split.labelsFile()));
    Dataset data = MnistConversion.toDataset(images, labels, CLASSES);
    LOG.info(
        "Loaded {} {} examples from {} in {} ms",
        data.size(),
        split,
        dir,
        (System.nanoTime() - start) / 1_000_000);
    return data;
  }

  /** Loads the training split (60,000 examples) from {@code dir}. */
  public static Dataset train(Path dir) throws DataFileException {
    return load(dir, Split.TRAIN);
  }

  /** Loads the test split (10,000 examples) from {@code dir}. */
  public static Dataset test(Path dir) throws DataFileException {
    return load(dir, Split.TEST);
  }
}
