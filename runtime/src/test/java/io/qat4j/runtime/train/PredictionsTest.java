package io.qat4j.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.annotation.Activation;
import io.qat4j.model.DenseSpec;
import io.qat4j.model.FlattenSpec;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.Shape;
import io.qat4j.runtime.data.Dataset;
import io.qat4j.runtime.graph.Network;
import io.qat4j.runtime.graph.Node;
import io.qat4j.runtime.layers.LayerOp;
import io.qat4j.runtime.layers.LayerOps;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Accuracy of a hand-made classifier whose logits are its two input pixels (Flatten, then a Dense
 * layer with the identity as weight and no bias): it predicts the brighter pixel's index.
 */
class PredictionsTest {
  /** Two-pixel images and labels: examples 0, 1 and 4 are right, 2 and 3 wrong, so 3/5. */
  private static final float[] PIXELS = {0.9f, 0.1f, 0.2f, 0.7f, 0.6f, 0.3f, 0.1f, 0.8f, 0.4f, 0.5f};
  private static final int[] LABELS = {0, 1, 1, 0, 1};

  private final List<Boolean> trainingFlags = new ArrayList<>();

  private Network brighterPixel() {
    Shape in = Shape.of(1, 1, 2);
    LayerOp flat = LayerOps.create(new FlattenSpec(), List.of(in), DataType.FLOAT, 0);
    LayerOp fc = LayerOps.create(new DenseSpec(2, false, Activation.NONE), List.of(Shape.of(2)),
        DataType.FLOAT, 0);
    fc.params().get(0).value().assign(Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}}));
    LayerOp spy = new LayerOp() {
      @Override
      public INDArray forward(List<INDArray> inputs, boolean training) {
        trainingFlags.add(training);
        return inputs.get(0);
      }

      @Override
      public List<INDArray> backward(INDArray g) {
        return List.of(g);
      }
    };
    return new Network("brighter", in, List.of(
        new Node("spy", "spy", spy, List.of(ModelDecl.INPUT)),
        new Node("flat", "flat", flat, List.of("spy")),
        new Node("fc", "fc", fc, List.of("flat"))), "fc");
  }

  private static Dataset data() {
    return Dataset.of(PIXELS, new int[] {1, 1, 2}, LABELS, 2);
  }

  @ParameterizedTest(name = "batch size {0}")
  @ValueSource(ints = {1, 2, 3, 5, 64})
  void accuracyCountsArgMaxHitsOverTheWholeSet(int batchSize) {
    // Exact: 3 of 5 is 0.6 in double whichever the batches.
    assertEquals(0.6, Predictions.accuracy(brighterPixel(), data(), batchSize), 0.0);
  }

  @Test
  void accuracyRunsInInferenceMode() {
    Network net = brighterPixel();
    Predictions.accuracy(net, data(), 2);
    assertEquals(List.of(false, false, false), trainingFlags, "three batches, none training");
  }

  @Test
  void allRightAndAllWrong() {
    Dataset right = Dataset.of(PIXELS, new int[] {1, 1, 2}, new int[] {0, 1, 0, 1, 1}, 2);
    Dataset wrong = Dataset.of(PIXELS, new int[] {1, 1, 2}, new int[] {1, 0, 1, 0, 0}, 2);
    assertEquals(1.0, Predictions.accuracy(brighterPixel(), right, 2), 0.0);
    assertEquals(0.0, Predictions.accuracy(brighterPixel(), wrong, 2), 0.0);
  }

  @Test
  void subsetIsScoredOnItsOwnExamples() {
    // Examples 2..3 are both wrong.
    assertEquals(0.0, Predictions.accuracy(brighterPixel(), data().subset(2, 4), 4), 0.0);
    assertEquals(0.5, Predictions.accuracy(brighterPixel(), data().subset(1, 3), 1), 0.0);
  }

  @Test
  void emptyDatasetHasAccuracyZero() {
    Dataset none = Dataset.of(new float[0], new int[] {1, 1, 2}, new int[0], 2);
    assertEquals(0.0, Predictions.accuracy(brighterPixel(), none, 4), 0.0);
  }

  @Test
  void outputsAreTheLogitsOfEveryExampleInOrder() {
    float[][] out = Predictions.outputs(brighterPixel(), data(), 2);
    assertEquals(5, out.length);
    for (int i = 0; i < 5; i++) {
      assertArrayEquals(new float[] {PIXELS[2 * i], PIXELS[2 * i + 1]}, out[i], 0f, "example " + i);
    }
  }

  @Test
  void correctCountsRowsWhoseArgMaxIsTheClass() {
    INDArray logits = Nd4j.createFromArray(new float[][] {{0, 1, 2}, {5, 1, 2}, {0, 3, 2}});
    assertEquals(2, Predictions.correct(logits, new int[] {2, 1, 1}));
    assertEquals(3, Predictions.correct(logits, new int[] {2, 0, 1}));
    assertTrue(Predictions.correct(logits, new int[] {0, 1, 0}) == 0);
  }
}
