package io.qat4j.check;

import io.qat4j.model.ModelGraph;
import java.util.List;

/**
 * Bits lie in 2..16 (an error otherwise); anything but 8 trains in emulation with no int8 export
 * path (a warning).
 */
final class SchemeBitsRule implements ModelRule {
  static final int MIN_BITS = 2;
  static final int MAX_BITS = 16;

  @Override
  public void check(ModelGraph graph, List<Problem> out) {
    String model = graph.decl().name();
    for (SchemeSite s : SchemeSite.all(graph.decl())) {
      if (s.scheme().bits().isEmpty()) {
        continue;
      }
      int bits = s.scheme().bits().get();
      String attribute = s.member() + ".bits";
      if (bits < MIN_BITS || bits > MAX_BITS) {
        out.add(
            new Problem(
                "BitsOutOfRange", Severity.ERROR, s.layer(), s.site(), attribute,
                "The " + s.member() + " of " + s.owner(model) + " ask for bits = " + bits + ", but"
                    + " qat4j quantizes to 2 to 16 bits. Choose bits in that range; 8 is the"
                    + " default."));
      } else if (bits != 8) {
        out.add(
            new Problem(
                "NotEightBit", Severity.WARNING, s.layer(), s.site(), attribute,
                "The " + s.member() + " of " + s.owner(model) + " use " + bits + " bits: they"
                    + " train in emulation and have no int8 export path. Use 8 bits to convert"
                    + " and export the model."));
      }
    }
  }
}
