package io.qat4j.runtime.int8;

/**
 * One layer of an {@link Int8Engine}, ready to run over a batch. Tensors are indexed {@code
 * tensors[tensor][example]}; a step reads its inputs' arrays and fills its output's.
 */
abstract class EngineStep {
  final String name;
  final int[] inputs;
  final int output;
  final int outputSize;

  EngineStep(String name, int[] inputs, int output, int outputSize) {
    this.name = name;
    this.inputs = inputs;
    this.output = output;
    this.outputSize = outputSize;
  }

  /** Runs examples {@code [first, first + count)} on the calling thread. */
  abstract void run(byte[][][] tensors, int first, int count);

  /** Runs a batch of one; steps with enough work split it across the kernel threads. */
  void runAlone(byte[][][] tensors) {
    run(tensors, 0, 1);
  }

  /** Whether the output shares the input's arrays instead of having its own. */
  boolean aliasesInput() {
    return false;
  }

  /** Multiply-accumulates per example. */
  long macs() {
    return 0;
  }
}
