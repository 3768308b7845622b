package io.qat4j.runtime.int8;

import io.qat4j.runtime.int8.kernels.AddKernel;
import io.qat4j.runtime.int8.kernels.ConcatKernel;
import io.qat4j.runtime.int8.kernels.PoolKernel;
import io.qat4j.runtime.int8.kernels.SoftmaxKernel;

/** The steps whose kernels need no buffers: pools, add, concat, softmax and reshapes. */
final class SimpleSteps {
  private SimpleSteps() {}

  static EngineStep pool(Int8Pool layer, int input, int output) {
    return new EngineStep(layer.name(), new int[] {input}, output, size(layer)) {
      @Override
      void run(byte[][][] t, int first, int count) {
        for (int b = first; b < first + count; b++) {
          PoolKernel.run(layer, t[input][b], t[output][b]);
        }
      }
    };
  }

  static EngineStep add(Int8Add layer, int a, int c, int output) {
    return new EngineStep(layer.name(), new int[] {a, c}, output, size(layer)) {
      @Override
      void run(byte[][][] t, int first, int count) {
        for (int b = first; b < first + count; b++) {
          AddKernel.run(layer, t[a][b], t[c][b], t[output][b]);
        }
      }
    };
  }

  static EngineStep concat(Int8Concat layer, int[] ins, int output) {
    return new EngineStep(layer.name(), ins, output, size(layer)) {
      @Override
      void run(byte[][][] t, int first, int count) {
        byte[][] parts = new byte[ins.length][];
        for (int b = first; b < first + count; b++) {
          for (int i = 0; i < ins.length; i++) {
            parts[i] = t[ins[i]][b];
          }
          ConcatKernel.run(layer, parts, t[output][b]);
        }
      }
    };
  }

  static EngineStep softmax(Int8Softmax layer, int input, int output) {
    return new EngineStep(layer.name(), new int[] {input}, output, size(layer)) {
      @Override
      void run(byte[][][] t, int first, int count) {
        for (int b = first; b < first + count; b++) {
          SoftmaxKernel.run(layer, t[input][b], t[output][b]);
        }
      }
    };
  }

  /** Same codes, same order: the output is the input's arrays. */
  static EngineStep reshape(Int8Reshape layer, int input, int output) {
    return new EngineStep(layer.name(), new int[] {input}, output, size(layer)) {
      @Override
      void run(byte[][][] t, int first, int count) {
        System.arraycopy(t[input], first, t[output], first, count);
      }

      @Override
      boolean aliasesInput() {
        return true;
      }
    };
  }

  private static int size(Int8Layer layer) {
    return Math.toIntExact(layer.outputShape().elements());
  }
}
