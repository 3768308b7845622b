package io.qat4j.examples.demo;

import io.qat4j.examples.report.ChannelRanges;
import io.qat4j.runtime.int8.Int8Conv;
import io.qat4j.runtime.int8.Int8Layer;
import io.qat4j.runtime.int8.Int8Model;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-output-channel range of each convolution's deployed weights (BatchNorm folded in), in real
 * units: the int8 codes times their channel's scale. Their spread from channel to channel is why
 * the default scheme quantizes convolution weights per channel.
 */
final class WeightRanges {
  private WeightRanges() {}

  static List<ChannelRanges> of(Int8Model model) {
    List<ChannelRanges> ranges = new ArrayList<>();
    for (Int8Layer layer : model.layers()) {
      if (layer instanceof Int8Conv conv) {
        double[] scales = model.weightScales(conv.name());
        byte[] codes = conv.weights();
        int perChannel = codes.length / scales.length;
        float[] real = new float[codes.length];
        for (int i = 0; i < codes.length; i++) {
          real[i] = (float) (codes[i] * scales[i / perChannel]);
        }
        ranges.add(ChannelRanges.of(conv.name(), real, scales.length));
      }
    }
    return ranges;
  }
}
