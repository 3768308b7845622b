package io.qat4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link QuantScheme}, {@link PartialScheme} and {@link QuantizeDecl}. */
class SchemeTest {

  @Test
  void int8NarrowRangeIsMinus127To127() {
    assertEquals(-127, QuantScheme.INT8_WEIGHTS_PER_CHANNEL.qmin());
    assertEquals(127, QuantScheme.INT8_WEIGHTS_PER_CHANNEL.qmax());
  }

  @Test
  void int8FullRangeIsMinus128To127() {
    assertEquals(-128, QuantScheme.INT8_ACTIVATIONS.qmin());
    assertEquals(127, QuantScheme.INT8_ACTIVATIONS.qmax());
  }

  @Test
  void fourBitRange() {
    QuantScheme s = new QuantScheme(4, false, false, false);
    assertEquals(-8, s.qmin());
    assertEquals(7, s.qmax());
  }

  @Test
  void sixteenBitRange() {
    QuantScheme s = new QuantScheme(16, false, true, true);
    assertEquals(-32_767, s.qmin());
    assertEquals(32_767, s.qmax());
  }

  @Test
  void defaultSchemesMatchTheTfliteSpec() {
    assertEquals(new QuantScheme(8, true, true, true), QuantScheme.INT8_WEIGHTS_PER_CHANNEL);
    assertEquals(new QuantScheme(8, false, true, true), QuantScheme.INT8_WEIGHTS_PER_TENSOR);
    assertEquals(new QuantScheme(8, false, false, false), QuantScheme.INT8_ACTIVATIONS);
  }

  @Test
  void inheritOverABaseIsTheBase() {
    assertEquals(
        QuantScheme.INT8_WEIGHTS_PER_CHANNEL,
        PartialScheme.INHERIT.over(QuantScheme.INT8_WEIGHTS_PER_CHANNEL));
  }

  @Test
  void writtenBitsOverrideOnlyBits() {
    assertEquals(
        new QuantScheme(4, true, true, true),
        PartialScheme.bits(4).over(QuantScheme.INT8_WEIGHTS_PER_CHANNEL));
  }

  @Test
  void partialOverPartialKeepsTheBaseWhereNothingIsWritten() {
    PartialScheme base =
        new PartialScheme(Optional.of(6), Optional.of(false), Optional.empty(), Optional.empty());
    PartialScheme merged = PartialScheme.bits(4).over(base);
    assertEquals(
        new PartialScheme(Optional.of(4), Optional.of(false), Optional.empty(), Optional.empty()),
        merged);
  }

  @Test
  void isWrittenWhenAnyMemberIs() {
    assertFalse(PartialScheme.INHERIT.isWritten());
    assertTrue(PartialScheme.bits(8).isWritten());
    assertTrue(
        new PartialScheme(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(true))
            .isWritten());
  }

  @Test
  void onlySkipTrueSkips() {
    assertTrue(QuantizeDecl.SKIP.skips());
    assertFalse(QuantizeDecl.DEFAULT.skips());
    assertFalse(
        new QuantizeDecl(
                Optional.of(false), PartialScheme.INHERIT, PartialScheme.INHERIT, Optional.empty())
            .skips());
  }
}
