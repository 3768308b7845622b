package io.qat4j.examples.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qat4j.runtime.train.EpochResult;
import io.qat4j.runtime.train.TrainingListener;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurveRecorderTest {
  /** Notes every callback it hears, with its arguments. */
  private static final class Recording implements TrainingListener {
    final List<String> calls = new ArrayList<>();

    @Override
    public void epochStarted(int epoch, int batches) {
      calls.add("started " + epoch + " " + batches);
    }

    @Override
    public void stepFinished(int epoch, int batch, double loss, double accuracy,
        double imagesPerSecond) {
      calls.add("step " + epoch + " " + batch + " " + loss + " " + accuracy + " "
          + imagesPerSecond);
    }

    @Override
    public void epochFinished(EpochResult result) {
      calls.add("finished " + result);
    }
  }

  @Test
  void forwardsEveryCallbackWithItsArgumentsInOrder() {
    Recording delegate = new Recording();
    CurveRecorder recorder = new CurveRecorder("float", delegate);
    EpochResult result = new EpochResult(0, 1.5, 0.75, 2.0, 128);
    recorder.epochStarted(0, 2);
    recorder.stepFinished(0, 0, 2.0, 0.5, 100);
    recorder.stepFinished(0, 1, 1.0, 1.0, 200);
    recorder.epochFinished(result);
    assertEquals(List.of("started 0 2", "step 0 0 2.0 0.5 100.0", "step 0 1 1.0 1.0 200.0",
        "finished " + result), delegate.calls);
  }

  @Test
  void overridesEveryMethodOfTheListenerSoNoneIsSwallowedByADefault() throws Exception {
    for (Method m : TrainingListener.class.getDeclaredMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || m.isSynthetic()) {
        continue;
      }
      Method own = CurveRecorder.class.getMethod(m.getName(), m.getParameterTypes());
      assertEquals(CurveRecorder.class, own.getDeclaringClass(), m.getName());
    }
  }

  @Test
  void recordsEveryStepLossAcrossEpochsAndTheAccuracyOfEachEpoch() {
    CurveRecorder recorder = new CurveRecorder("QAT", TrainingListener.NONE);
    int epochs = 10;
    int batches = 300;
    double[] loss = new double[epochs * batches];
    double[] accuracy = new double[epochs];
    for (int e = 0; e < epochs; e++) {
      recorder.epochStarted(e, batches);
      for (int b = 0; b < batches; b++) {
        loss[e * batches + b] = e + b / 1000.0;
        recorder.stepFinished(e, b, loss[e * batches + b], 0.5, 10);
      }
      accuracy[e] = 0.5 + e / 100.0;
      recorder.epochFinished(new EpochResult(e, 1, accuracy[e], 1, batches));
    }
    StageCurve curve = recorder.curve();
    assertEquals("QAT", curve.stage());
    assertArrayEquals(loss, curve.stepLoss());
    assertArrayEquals(accuracy, curve.epochTrainAccuracy());
  }

  @Test
  void aCurveIsASnapshot() {
    CurveRecorder recorder = new CurveRecorder("float", TrainingListener.NONE);
    recorder.stepFinished(0, 0, 2.0, 0.5, 1);
    StageCurve before = recorder.curve();
    recorder.stepFinished(0, 1, 1.0, 0.5, 1);
    assertArrayEquals(new double[] {2.0}, before.stepLoss());
    assertArrayEquals(new double[] {2.0, 1.0}, recorder.curve().stepLoss());
  }

  @Test
  void withoutTrainingTheCurveIsEmpty() {
    StageCurve curve = new CurveRecorder("QAT", TrainingListener.NONE).curve();
    assertEquals(0, curve.steps());
    assertEquals(0, curve.epochTrainAccuracy().length);
  }

  @Test
  void rejectsANullDelegate() {
    assertThrows(NullPointerException.class, () -> new CurveRecorder("float", null));
  }
}
