package io.qat4j.model;

import java.util.Optional;

/** The members of one {@code @Scheme} that were written; the rest are inherited. */
public record PartialScheme(
    Optional<Integer> bits,
    Optional<Boolean> perAxis,
    Optional<Boolean> symmetric,
    Optional<Boolean> narrowRange) {

  /** Nothing written: everything inherited. */
  public static final PartialScheme INHERIT =
      new PartialScheme(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /** Only {@code bits} written. */
  public static PartialScheme bits(int bits) {
    return new PartialScheme(Optional.of(bits), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** This scheme's written members over {@code base}. */
  public QuantScheme over(QuantScheme base) {
    return new QuantScheme(
        bits.orElse(base.bits()),
        perAxis.orElse(base.perAxis()),
        symmetric.orElse(base.symmetric()),
        narrowRange.orElse(base.narrowRange()));
  }

  /** This scheme's written members over {@code base}'s written members. */
  public PartialScheme over(PartialScheme base) {
    return new PartialScheme(
        bits.or(base::bits),
        perAxis.or(base::perAxis),
        symmetric.or(base::symmetric),
        narrowRange.or(base::narrowRange));
  }

  /** Whether any member was written. */
  public boolean isWritten() {
    return bits.isPresent() || perAxis.isPresent() || symmetric.isPresent() || narrowRange.isPresent();
  }
}
