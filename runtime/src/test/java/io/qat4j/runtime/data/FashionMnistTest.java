package io.qat4j.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
  @TempDir Path dir;

  private static final byte[] PIXELS = {0, (byte) 255, 51, (byte) 204, 1, 2, 3, 4};
  private static final byte[] LABELS = {7, 0};

  private static void assertMessage(Exception e, String... words) {
    for (String word : words) {
      assertTrue(e.getMessage().contains(word), () -> "no '" + word + "' in: " + e.getMessage());
    }
  }

  @Test
  void loadsRawFiles() throws Exception {
    MnistDirectory.write(dir, Split.TEST, PIXELS, 2, 2, 2, LABELS, false);
    Dataset d = FashionMnist.test(dir);
    assertEquals(2, d.size());
    assertEquals(10, d.classes());
    assertArrayEquals(new int[] {1, 2, 2}, d.exampleShape());
    assertArrayEquals(new int[] {7, 0}, d.labels());
  }

  @Test
  void scalesPixelsToZeroOne() throws Exception {
    MnistDirectory.write(dir, Split.TEST, PIXELS, 2, 2, 2, LABELS, false);
    assertArrayEquals(new float[] {0f, 1f, 0.2f, 0.8f}, FashionMnist.test(dir).image(0));
  }

  @Test
  void loadsGzipFiles() throws Exception {
    MnistDirectory.write(dir, Split.TRAIN, PIXELS, 2, 2, 2, LABELS, true);
    Dataset d = FashionMnist.train(dir);
    assertArrayEquals(new int[] {7, 0}, d.labels());
    assertArrayEquals(new float[] {1 / 255f, 2 / 255f, 3 / 255f, 4 / 255f}, d.image(1));
  }

  @Test
  void mixesRawAndGzip() throws Exception {
    MnistDirectory.writeFile(dir, Split.TEST.imagesFile(), IdxBytes.idx(PIXELS, 2, 2, 2), true);
    MnistDirectory.writeFile(dir, Split.TEST.labelsFile(), IdxBytes.idx(LABELS, 2), false);
    assertEquals(2, FashionMnist.load(dir, Split.TEST).size());
  }

  @Test
  void loadsTheRequestedSplit() throws Exception {
    MnistDirectory.write(dir, Split.TRAIN, PIXELS, 2, 2, 2, LABELS, false);
    MnistDirectory.write(dir, Split.TEST, new byte[4], 1, 2, 2, new byte[] {5}, false);
    assertEquals(2, FashionMnist.train(dir).size());
    assertArrayEquals(new int[] {5}, FashionMnist.test(dir).labels());
  }

  @Test
  void countMismatch() {
    MnistDirectory.write(dir, Split.TEST, PIXELS, 2, 2, 2, new byte[] {1, 2, 3}, false);
    DataFileException e = assertThrows(DataFileException.class, () -> FashionMnist.test(dir));
    assertMessage(e, "count mismatch", "2 images", "3 labels", Split.TEST.labelsFile());
  }

  @Test
  void labelOutOfRange() {
    MnistDirectory.write(dir, Split.TEST, PIXELS, 2, 2, 2, new byte[] {3, 12}, false);
    DataFileException e = assertThrows(DataFileException.class, () -> FashionMnist.test(dir));
    assertMessage(e, "label 12 at index 1", "0..9");
    assertEquals(dir.resolve(Split.TEST.labelsFile()), e.path());
  }

  @Test
  void imagesOfWrongRank() {
    MnistDirectory.writeFile(dir, Split.TEST.imagesFile(), IdxBytes.idx(PIXELS, 2, 4), false);
    MnistDirectory.writeFile(dir, Split.TEST.labelsFile(), IdxBytes.idx(LABELS, 2), false);
    DataFileException e = assertThrows(DataFileException.class, () -> FashionMnist.test(dir));
    assertMessage(e, "images must have 3 dimensions", "2 x 4");
  }

  @Test
  void labelsOfWrongRank() {
    MnistDirectory.writeFile(dir, Split.TEST.imagesFile(), IdxBytes.idx(PIXELS, 2, 2, 2), false);
    MnistDirectory.writeFile(dir, Split.TEST.labelsFile(), IdxBytes.idx(LABELS, 2, 1), false);
    DataFileException e = assertThrows(DataFileException.class, () -> FashionMnist.test(dir));
    assertMessage(e, "labels must have 1 dimension");
  }

  @Test
  void corruptFileIsNamed() {
    MnistDirectory.write(dir, Split.TEST, PIXELS, 2, 2, 2, LABELS, false);
    IdxBytes.write(dir.resolve(Split.TEST.imagesFile()), new byte[] {1, 2, 3, 4, 5});
    DataFileException e = assertThrows(DataFileException.class, () -> FashionMnist.test(dir));
    assertMessage(e, Split.TEST.imagesFile(), "bad magic");
  }

  @Test
  void missingDirectoryTellsHowToInstall() {
    Path absent = dir.resolve("nowhere");
    DataFileException e = assertThrows(DataFileException.class, () -> FashionMnist.test(absent));
    assertEquals(absent, e.path());
    assertMessage(
        e,
        absent.toString(),
        "does not exist",
        "dataset-fashion-mnist",
        "apt-get install -y dataset-fashion-mnist",
        "/usr/share/datasets/fashion-mnist",
        "--data DIR");
  }

  @Test
  void missingFileTellsHowToInstall() {
    MnistDirectory.writeFile(dir, Split.TEST.imagesFile(), IdxBytes.idx(PIXELS, 2, 2, 2), true);
    DataFileException e = assertThrows(DataFileException.class, () -> FashionMnist.test(dir));
    assertMessage(
        e,
        dir.toString(),
        "missing file t10k-labels-idx1-ubyte",
        "t10k-labels-idx1-ubyte.gz",
        "apt-get install -y dataset-fashion-mnist",
        "--data DIR");
  }

  @Test
  void missingTrainSplitWhenOnlyTestIsPresent() {
    MnistDirectory.write(dir, Split.TEST, PIXELS, 2, 2, 2, LABELS, true);
    DataFileException e = assertThrows(DataFileException.class, () -> FashionMnist.train(dir));
    assertMessage(e, "missing file train-images-idx3-ubyte", "dataset-fashion-mnist");
  }

  @Test
  void aFileInsteadOfADirectory() throws Exception {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    DataFileException e = assertThrows(DataFileException.class, () -> FashionMnist.test(file));
    assertMessage(e, "not a directory", "dataset-fashion-mnist", "--data DIR");
  }

  @Test
  void defaultDirectoryIsWhereTheDebianPackagePutsTheFiles() {
    assertEquals(Path.of("/usr/share/datasets/fashion-mnist"), FashionMnist.DEFAULT_DIRECTORY);
    assertEquals("dataset-fashion-mnist", FashionMnist.DEBIAN_PACKAGE);
  }
}
