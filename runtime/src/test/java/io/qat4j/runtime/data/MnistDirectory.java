package io.qat4j.runtime.data;

import java.nio.file.Path;

/** Writes a small MNIST-like directory for tests. */
final class MnistDirectory {
  private MnistDirectory() {}

  /** Writes {@code n} images of {@code h x w} ({@code pixels}) and their labels for a split. */
  static void write(
      Path dir, Split split, byte[] pixels, int n, int h, int w, byte[] labels, boolean gzip) {
    writeFile(dir, split.imagesFile(), IdxBytes.idx(pixels, n, h, w), gzip);
    writeFile(dir, split.labelsFile(), IdxBytes.idx(labels, labels.length), gzip);
  }

  static Path writeFile(Path dir, String name, byte[] idx, boolean gzip) {
    return gzip
        ? IdxBytes.write(dir.resolve(name + ".gz"), IdxBytes.gzip(idx))
        : IdxBytes.write(dir.resolve(name), idx);
  }
}
