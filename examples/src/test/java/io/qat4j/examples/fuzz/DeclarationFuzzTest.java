package io.qat4j.examples.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.examples.fuzz.FuzzCompiler.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a few hundred random model declarations, valid and broken, with the real processor
 * (see {@link CaseCheck} for what must hold for each), plus fixed regression declarations.
 */
class DeclarationFuzzTest {
  private static final Logger LOG = LoggerFactory.getLogger(DeclarationFuzzTest.class);

  /** Fixed, so a run repeats; {@code -Dqat4j.fuzz.seed=N -Dqat4j.fuzz.count=M} explores others. */
  private static final long SEED = Long.getLong("qat4j.fuzz.seed", 7_2024L);

  private static final int COUNT = Integer.getInteger("qat4j.fuzz.count", 300);
  /** Files per javac run: fewer runs, but a failed batch compiles its clean files again. */
  private static final int BATCH = 30;

  @Test
  void randomDeclarationsCompileAndRunOrAreRejectedWithIds() {
    List<FuzzCase> cases = new RandomModelSource(SEED).cases(COUNT);
    Summary s = fuzz(cases);
    LOG.info("{} random declarations (seed {}): {} valid, {} invalid, {} javac runs, {} ms; ids {}",
        COUNT, SEED, s.valid, s.invalid, s.javacRuns, s.millis, s.ids);
    assertTrue(s.failures.isEmpty(), () -> s.failures.size() + " of " + COUNT
        + " declarations fail:\n\n" + String.join("\n\n", s.failures));
    assertEquals(COUNT, s.valid + s.invalid);
    // The mix matters as much as the verdicts: a generator drifting to one side tests less.
    assertTrue(s.valid >= COUNT / 3 && s.invalid >= COUNT / 3, () -> s.valid + " valid");
    if (COUNT >= 300) {
      // Mutations take turns, so each has had several declarations to break by now.
      Set<String> missing = new TreeSet<>();
      Mutations.ALL.forEach(m -> missing.add(m.id()));
      missing.removeAll(s.ids.keySet());
      assertEquals(Set.of(), missing, "ids no declaration drew");
    }
  }

  @Test
  void regressionDeclarationsCompileAndRunOrAreRejectedWithIds() {
    Summary s = fuzz(RegressionSources.ALL);
    LOG.info("{} regression declarations: {} valid, {} invalid; ids {}",
        RegressionSources.ALL.size(), s.valid, s.invalid, s.ids);
    assertTrue(s.failures.isEmpty(), () -> s.failures.size() + " regression declarations fail:\n\n"
        + String.join("\n\n", s.failures));
  }

  @Test
  void theSameSeedGivesTheSameSources() {
    List<String> first = new RandomModelSource(SEED).cases(20).stream().map(FuzzCase::source).toList();
    List<String> again = new RandomModelSource(SEED).cases(20).stream().map(FuzzCase::source).toList();
    assertEquals(first, again);
  }

  /** The verdicts and counts of one fuzzing run. */
  private static final class Summary {
    final List<String> failures = new ArrayList<>();
    final Map<String, Integer> ids = new TreeMap<>();
    int valid;
    int invalid;
    int javacRuns;
    long millis;
  }

  private static Summary fuzz(List<FuzzCase> cases) {
    long start = System.nanoTime();
    FuzzCompiler compiler = new FuzzCompiler(BATCH, DeclarationFuzzTest.class.getClassLoader());
    List<Outcome> outcomes = compiler.compile(cases);
    Summary s = new Summary();
    for (Outcome o : outcomes) {
      if (o.compiled()) {
        s.valid++;
      } else {
        s.invalid++;
      }
      List<String> problems = CaseCheck.problems(o, SEED);
      if (!problems.isEmpty()) {
        s.failures.add(problems.stream().collect(Collectors.joining("\n- ", "- ", "\n"))
            + o.fuzzCase().describe());
      }
      o.errors().forEach(d -> CaseCheck.id(d).ifPresent(id -> s.ids.merge(id, 1, Integer::sum)));
      o.warnings().forEach(d -> CaseCheck.id(d).ifPresent(id -> s.ids.merge(id, 1, Integer::sum)));
    }
    s.javacRuns = compiler.javacRuns();
    s.millis = (System.nanoTime() - start) / 1_000_000;
    return s;
  }
}
