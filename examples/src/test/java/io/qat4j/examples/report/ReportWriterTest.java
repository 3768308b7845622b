package io.qat4j.examples.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  @TempDir Path dir;

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static BufferedImage image(Path png) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    assertNotNull(image, png + " does not decode as an image");
    return image;
  }

  private static List<String> names(List<Path> files) {
    return files.stream().map(p -> p.getFileName().toString()).toList();
  }

  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writesOnePlotPerFigureNamedAfterModelAndLayer() throws IOException {
    Report report = ReportWriter.write(Fixtures.data(), dir);
    assertEquals(List.of("FashionCnn-training.png", "FashionCnn-layer-sqnr.png",
        "FashionCnn-weight-ranges-conv1.png", "FashionCnn-weight-ranges-conv2.png"),
        names(report.plots()));
    assertEquals(dir.resolve("FashionCnn-report.md"), report.markdown());
    for (Path p : report.plots()) {
      assertEquals(dir, p.getParent());
      assertTrue(Files.isRegularFile(p), p.toString());
    }
  }

  @Test
  void everyPlotIsAPngOfTheFixedSize() throws IOException {
    for (Path p : ReportWriter.write(Fixtures.data(), dir).plots()) {
      BufferedImage image = image(p);
      assertEquals(800, image.getWidth(), p.toString());
      assertEquals(450, image.getHeight(), p.toString());
    }
  }

  @Test
  void everyPlotDrawsItsDataInTheFirstSeriesColour() throws IOException {
    for (Path p : ReportWriter.write(Fixtures.data(), dir).plots()) {
      BufferedImage image = image(p);
      assertTrue(Pixels.distinctColours(image) > 20, p + ": too few colours");
      int drawn = Pixels.near(image, Png.colour(0), 8);
      assertTrue(drawn > 300, p + ": " + drawn + " pixels of the series colour");
    }
  }

  @Test
  void trainingPlotDrawsEachStageInItsOwnColour() throws IOException {
    Path training = ReportWriter.write(Fixtures.data(), dir).plots().get(0);
    int qat = Pixels.near(image(training), Png.colour(1), 8);
    assertTrue(qat > 100, "QAT line pixels: " + qat);
  }

  @Test
  void anExactLayerGetsABarOfItsOwnColour() throws IOException {
    Path sqnr = ReportWriter.write(Fixtures.data(), dir).plots().get(1);
    int exact = Pixels.near(image(sqnr), Png.colour(2), 8);
    assertTrue(exact > 1000, "exact bar pixels: " + exact);
  }

  @Test
  void theBlankCheckWouldCatchABlankImage() {
    BufferedImage blank = new BufferedImage(800, 450, BufferedImage.TYPE_INT_RGB);
    assertEquals(1, Pixels.distinctColours(blank));
    assertEquals(0, Pixels.near(blank, Png.colour(0), 8));
  }

  @Test
  void markdownLinksEveryPlotByItsFileName() throws IOException {
    Report report = ReportWriter.write(Fixtures.data(), dir);
    String md = read(report.markdown());
    for (String name : names(report.plots())) {
      assertTrue(md.contains("](" + name + ")"), name + " not linked in:\n" + md);
    }
  }

  @Test
  void markdownHoldsTheResultsTable() throws IOException {
    ReportData data = Fixtures.data();
    String md = read(ReportWriter.write(data, dir).markdown());
    assertTrue(md.startsWith("# FashionCnn"), md);
    assertTrue(md.contains(ResultsTable.markdown(data.results())), md);
    assertTrue(md.contains("| FashionCnn | 91.43% |"), md);
  }

  @Test
  void markdownListsEachLayersSqnrWithOneDecimalAndExactForInfinity() throws IOException {
    String md = read(ReportWriter.write(Fixtures.data(), dir).markdown());
    assertTrue(md.contains("| conv2 | 35.7 dB |"), md);
    assertTrue(md.contains("| pool1 | exact |"), md);
  }

  @Test
  void markdownSaysWhereExactLayersAreCapped() throws IOException {
    String md = read(ReportWriter.write(Fixtures.data(), dir).markdown());
    assertTrue(md.contains("capped at 60 dB"), md);
  }

  @Test
  void withoutExactLayersThereIsNoCapToExplain() throws IOException {
    ReportData data = new ReportData("m", List.of(), List.of(new LayerError("a", 20)), List.of(),
        List.of());
    assertFalse(read(ReportWriter.write(data, dir).markdown()).contains("capped"));
  }

  @Test
  void aModelWhoseEveryLayerIsExactStillGetsItsPlot() throws IOException {
    ReportData data = new ReportData("m", List.of(),
        List.of(new LayerError("a", Double.POSITIVE_INFINITY)), List.of(), List.of());
    Path sqnr = ReportWriter.write(data, dir).plots().get(0);
    assertTrue(Pixels.near(image(sqnr), Png.colour(2), 8) > 1000);
  }

  @Test
  void markdownSummarisesEachConvsWeightRange() throws IOException {
    ReportData data = Fixtures.data();
    String md = read(ReportWriter.write(data, dir).markdown());
    for (ChannelRanges r : data.convRanges()) {
      String row = "| " + r.layer() + " | " + r.channels() + " | "
          + Figures.weight(r.overallMin()) + " | " + Figures.weight(r.overallMax()) + " |";
      assertTrue(md.contains(row), row + " not in:\n" + md);
    }
  }

  @Test
  void markdownListsTheTrainingAccuracyOfEachEpoch() throws IOException {
    String md = read(ReportWriter.write(Fixtures.data(), dir).markdown());
    assertTrue(md.contains("float 82.00%, 88.00%, 90.00%; QAT 91.50%"), md);
  }

  @Test
  void noTrainingPlotWhenNoStageTrained() throws IOException {
    ReportData full = Fixtures.data();
    ReportData data = new ReportData(full.model(),
        List.of(new StageCurve("float", new double[0], new double[0])), full.layerErrors(),
        full.convRanges(), full.results());
    Report report = ReportWriter.write(data, dir);
    assertFalse(names(report.plots()).contains("FashionCnn-training.png"));
    assertFalse(Files.exists(dir.resolve("FashionCnn-training.png")));
    assertTrue(read(report.markdown()).contains("No stage trained"));
  }

  @Test
  void anEmptyReportIsJustTheMarkdown() throws IOException {
    Report report = ReportWriter.write(new ReportData("m", List.of(), List.of(), List.of(),
        List.of()), dir);
    assertEquals(List.of(), report.plots());
    assertEquals(List.of("m-report.md"), listing(dir));
  }

  @Test
  void writesIntoADirectoryThatDoesNotExistYet() throws IOException {
    Path nested = dir.resolve("a").resolve("b").resolve("c");
    Report report = ReportWriter.write(Fixtures.data(), nested);
    assertTrue(Files.isRegularFile(report.markdown()));
    assertEquals(5, listing(nested).size());
  }

  @Test
  void writingAgainReplacesEveryFileAndLeavesNoTemporaryOne() throws IOException {
    ReportData first = Fixtures.data();
    Report before = ReportWriter.write(first, dir);
    List<byte[]> plotsBefore = new ArrayList<>();
    for (Path p : before.plots()) {
      plotsBefore.add(Files.readAllBytes(p));
    }
    ResultsRow row = new ResultsRow("FashionCnn", 0.5, 0.5, 0.5, 0.5, 1, 1, 1, 1);
    ReportData second = new ReportData(first.model(), first.curves().subList(0, 1),
        first.layerErrors().subList(0, 1), first.convRanges(), List.of(row));
    Report after = ReportWriter.write(second, dir);

    String md = read(after.markdown());
    assertTrue(md.contains("| FashionCnn | 50.00% |"), md);
    assertFalse(md.contains("91.43%"), md);
    assertFalse(Pixels.near(image(after.plots().get(0)), Png.colour(1), 8) > 100,
        "the QAT line is gone from the new training plot");
    assertFalse(Arrays.equals(plotsBefore.get(1),
        Files.readAllBytes(after.plots().get(1))), "the SQNR plot was not replaced");
    List<String> expected = new ArrayList<>(names(before.plots()));
    expected.add("FashionCnn-report.md");
    Collections.sort(expected);
    assertEquals(expected, listing(dir));
  }

  @Test
  void theSameDataGivesTheSameBytes() throws IOException {
    Report a = ReportWriter.write(Fixtures.data(), dir.resolve("a"));
    Report b = ReportWriter.write(Fixtures.data(), dir.resolve("b"));
    assertArrayEquals(Files.readAllBytes(a.markdown()), Files.readAllBytes(b.markdown()));
    for (int i = 0; i < a.plots().size(); i++) {
      assertArrayEquals(Files.readAllBytes(a.plots().get(i)),
          Files.readAllBytes(b.plots().get(i)), a.plots().get(i).toString());
    }
  }

  @Test
  void unsafeNamesAreSanitizedAndStayInTheDirectory() throws IOException {
    ReportData data = new ReportData("../x y", List.of(), List.of(),
        List.of(ChannelRanges.of("c/1", new float[] {1, 2}, 1)), List.of());
    Report report = ReportWriter.write(data, dir);
    assertEquals(List.of(".._x_y-report.md", ".._x_y-weight-ranges-c_1.png"), listing(dir));
    assertEquals(dir, report.markdown().getParent());
  }

  @Test
  void layersWhoseNamesSanitizeAlikeGetAFileEach() throws IOException {
    ReportData data = new ReportData("m", List.of(), List.of(),
        List.of(ChannelRanges.of("a$b", new float[] {1, 2}, 1),
            ChannelRanges.of("a_b", new float[] {3, 4}, 1)), List.of());
    Report report = ReportWriter.write(data, dir);
    assertEquals(List.of("m-weight-ranges-a_b.png", "m-weight-ranges-a_b-2.png"),
        names(report.plots()));
  }
}
