package io.qat4j.examples.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random model declarations from a fixed seed: about half valid ({@link ValidModels}), the others
 * a valid one broken by one or two {@link Mutations}, each naming the id it must draw.
 */
final class RandomModelSource {
  private final SplittableRandom r;
  private final ValidModels models;
  private int broken;

  RandomModelSource(long seed) {
    this.r = new SplittableRandom(seed);
    this.models = new ValidModels(r);
  }

  /** {@code count} declarations in files {@code Fuzz0000}, {@code Fuzz0001}, ... */
  List<FuzzCase> cases(int count) {
    List<FuzzCase> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(next(String.format("Fuzz%04d", i)));
    }
    return out;
  }

  private FuzzCase next(String fileClass) {
    Sketch s = models.generate(fileClass);
    if (r.nextBoolean()) {
      return FuzzCase.of(s, Set.of(), "valid");
    }
    int mutations = r.nextInt(5) == 0 ? 2 : 1;
    Set<String> ids = new LinkedHashSet<>();
    List<String> names = new ArrayList<>();
    // The first mutation takes turns, so that every kind is drawn whatever the seed.
    int turn = broken++;
    while (names.size() < mutations) {
      int pick = names.isEmpty() && turn >= 0 ? turn : r.nextInt(Mutations.ALL.size());
      turn = -1;
      Mutations.Mutation m = Mutations.ALL.get(pick % Mutations.ALL.size());
      if (m.apply().apply(s, r)) {
        ids.add(m.id());
        names.add(m.name());
      }
    }
    return FuzzCase.of(s, ids, "broken: " + String.join(", ", names));
  }
}
