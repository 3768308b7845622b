package io.qat4j.runtime.train;

import static io.qat4j.runtime.train.TrainFixtures.assertSameBits;
import static io.qat4j.runtime.train.TrainFixtures.differing;
import static io.qat4j.runtime.train.TrainFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.plan.QuantizedGraph;
import io.qat4j.runtime.data.Dataset;
import io.qat4j.runtime.graph.NamedParam;
import io.qat4j.runtime.qat.QatOptions;
import io.qat4j.runtime.qat.TrainableModel;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Same seed, same weights after 50 steps, bit for bit: 40 examples in batches of 8 make 5 steps an
 * epoch, so 10 epochs are 50 steps, each epoch in its own shuffled order. libnd4j runs
 * single-threaded here: on tensors this small its thread pool only adds contention (the same tests
 * take five times longer on a loaded 2-core machine with the default pool).
 */
class TrainerDeterminismTest {
  private static final Dataset DATA = TrainFixtures.brightness(40, 3);
  private static final QuantizedGraph FLOAT_GRAPH = TrainFixtures.tinyCnn("tiny", false);
  private static final QuantizedGraph QAT_GRAPH = TrainFixtures.tinyCnn("tiny", true);
  private static final QatOptions FREEZING = QatOptions.defaults().freezing(20, 30);
  private static TrainFixtures.SingleThreaded singleThreaded;

  @BeforeAll
  static void oneThread() {
    singleThreaded = new TrainFixtures.SingleThreaded();
  }

  @AfterAll
  static void restoreThreads() {
    singleThreaded.close();
  }

  private static Map<String, TrainFixtures.Bits> train(TrainableModel model, long seed,
      OptimizerSpec optimizer) throws IOException {
    Trainer trainer = new Trainer(model.network(), TrainingConfig.of(10, 8, seed, optimizer),
        model.schedule(), TrainingListener.NONE);
    trainer.fit(DATA);
    assertEquals(50, trainer.steps());
    return snapshot(model.network());
  }

  private static void assertEveryParamMoved(Map<String, TrainFixtures.Bits> before,
      Map<String, TrainFixtures.Bits> after, List<NamedParam> params) {
    List<String> moved = differing(before, after);
    for (NamedParam p : params) {
      assertTrue(moved.contains(p.name()), p.name() + " never changed: the run did not train");
    }
  }

  @Test
  void floatModelSameSeedSameWeightsAfterFiftyAdamSteps() throws IOException {
    TrainableModel first = TrainableModel.floatModel(FLOAT_GRAPH, 42);
    Map<String, TrainFixtures.Bits> initial = snapshot(first.network());
    Map<String, TrainFixtures.Bits> a = train(first, 42, OptimizerSpec.adam(0.01));
    Map<String, TrainFixtures.Bits> b =
        train(TrainableModel.floatModel(FLOAT_GRAPH, 42), 42, OptimizerSpec.adam(0.01));
    assertEveryParamMoved(initial, a, first.network().params());
    assertSameBits(a, b);
  }

  @Test
  void floatModelSameSeedSameWeightsAfterFiftySgdSteps() throws IOException {
    Map<String, TrainFixtures.Bits> a =
        train(TrainableModel.floatModel(FLOAT_GRAPH, 42), 42, OptimizerSpec.sgd(0.05, 0.9));
    Map<String, TrainFixtures.Bits> b =
        train(TrainableModel.floatModel(FLOAT_GRAPH, 42), 42, OptimizerSpec.sgd(0.05, 0.9));
    assertSameBits(a, b);
  }

  @Test
  void qatModelSameSeedSameWeightsRangesAndStatisticsAfterFiftySteps() throws IOException {
    TrainableModel first = TrainableModel.qat(QAT_GRAPH, 42, FREEZING);
    Map<String, TrainFixtures.Bits> initial = snapshot(first.network());
    Map<String, TrainFixtures.Bits> a = train(first, 42, OptimizerSpec.adam(0.01));
    Map<String, TrainFixtures.Bits> b =
        train(TrainableModel.qat(QAT_GRAPH, 42, FREEZING), 42, OptimizerSpec.adam(0.01));
    assertEveryParamMoved(initial, a, first.network().params());
    assertTrue(a.keySet().stream().anyMatch(n -> n.endsWith("/fq.min")),
        "the snapshot holds tracked ranges: " + a.keySet());
    assertSameBits(a, b);
  }

  @Test
  void anotherTrainingSeedGivesOtherWeights() throws IOException {
    // The comparison above can fail: a different shuffling seed (same initial weights) ends
    // elsewhere.
    Map<String, TrainFixtures.Bits> a =
        train(TrainableModel.floatModel(FLOAT_GRAPH, 42), 42, OptimizerSpec.adam(0.01));
    Map<String, TrainFixtures.Bits> b =
        train(TrainableModel.floatModel(FLOAT_GRAPH, 42), 43, OptimizerSpec.adam(0.01));
    assertTrue(differing(a, b).contains("logits.weight"), "seed 43 trained to the same weights");
  }

  @Test
  void anotherInitialisationSeedGivesOtherInitialWeights() {
    Map<String, TrainFixtures.Bits> a = snapshot(TrainableModel.floatModel(FLOAT_GRAPH, 1).network());
    Map<String, TrainFixtures.Bits> b = snapshot(TrainableModel.floatModel(FLOAT_GRAPH, 2).network());
    Map<String, TrainFixtures.Bits> c = snapshot(TrainableModel.floatModel(FLOAT_GRAPH, 1).network());
    assertTrue(differing(a, b).containsAll(List.of("conv1.weight", "logits.weight")));
    assertSameBits(a, c);
  }
}
