package io.qat4j.runtime.layers;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/** Runs a libnd4j custom op by name into preallocated outputs. */
final class Nd4jOps {
  private Nd4jOps() {}

  /** Executes {@code name} on {@code inputs}, writing {@code outputs}. */
  static void exec(String name, INDArray[] inputs, INDArray[] outputs, int[] intArgs) {
    DynamicCustomOp op =
        DynamicCustomOp.builder(name)
            .addInputs(inputs)
            .addOutputs(outputs)
            .addIntegerArguments(intArgs)
            .build();
    Nd4j.exec(op);
  }
}
