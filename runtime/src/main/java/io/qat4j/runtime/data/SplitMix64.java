package io.qat4j.runtime.data;

/**
 * The SplitMix64 generator (Steele, Lea and Flood), written out here so that a seed gives the same
 * numbers on every JVM and platform, independent of the JDK's own generators.
 */
final class SplitMix64 {
  private static final long GAMMA = 0x9e3779b97f4a7c15L;

  private long state;

  SplitMix64(long seed) {
    this.state = seed;
  }

  long nextLong() {
    state += GAMMA;
    return mix(state);
  }

  /** Uniform in {@code [0, bound)}, without modulo bias. */
  int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    long limit = Long.remainderUnsigned(-bound, bound); // 2^64 mod bound
    while (true) {
      long r = nextLong();
      if (Long.compareUnsigned(r, limit) >= 0) { // reject the low, over-represented values
        return (int) Long.remainderUnsigned(r, bound);
      }
    }
  }

  /** The SplitMix64 finalizer: a bijective scramble of 64 bits. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
