package io.qat4j.runtime.layers;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The values of one channel (axis 1) of a dense {@code [N, C, ...]} array: {@code N} blocks of
 * {@code inner} consecutive values (the product of the axes after 1; 1 for {@code [N, F]}),
 * gathered into or scattered from a Java array so per-channel kernels run over contiguous
 * memory.
 */
final class ChannelBlocks {
  final int n;
  final int channels;
  final int inner;

  ChannelBlocks(INDArray x) {
    this.n = Math.toIntExact(x.size(0));
    this.channels = Math.toIntExact(x.size(1));
    this.inner = Math.toIntExact(x.length() / ((long) n * channels));
  }

  /** Values per channel: N·inner. */
  int count() {
    return n * inner;
  }

  void load(FloatBuffer b, int channel, float[] dst) {
    if (inner == 1) {
      for (int i = 0; i < n; i++) {
        dst[i] = b.get(i * channels + channel);
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      b.get((i * channels + channel) * inner, dst, i * inner, inner);
    }
  }

  void store(float[] src, int channel, FloatBuffer b) {
    if (inner == 1) {
      for (int i = 0; i < n; i++) {
        b.put(i * channels + channel, src[i]);
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      b.put((i * channels + channel) * inner, src, i * inner, inner);
    }
  }

  void load(DoubleBuffer b, int channel, double[] dst) {
    if (inner == 1) {
      for (int i = 0; i < n; i++) {
        dst[i] = b.get(i * channels + channel);
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      b.get((i * channels + channel) * inner, dst, i * inner, inner);
    }
  }

  void store(double[] src, int channel, DoubleBuffer b) {
    if (inner == 1) {
      for (int i = 0; i < n; i++) {
        b.put(i * channels + channel, src[i]);
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      b.put((i * channels + channel) * inner, src, i * inner, inner);
    }
  }
}
