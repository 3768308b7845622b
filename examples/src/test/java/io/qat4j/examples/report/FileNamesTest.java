package io.qat4j.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FileNamesTest {
  @Test
  void keepsSafeCharacters() {
    assertEquals("conv1_2.a-b", FileNames.sanitize("conv1_2.a-b"));
  }

  @Test
  void replacesEverythingElse() {
    assertEquals("a_b__c__", FileNames.sanitize("a$b/\\c \u00e9"));
    assertEquals("x_y", FileNames.sanitize("x y"));
  }

  @Test
  void neverGivesADotNameOrAnEmptyOne() {
    assertEquals("_..", FileNames.sanitize(".."));
    assertEquals("_", FileNames.sanitize(""));
  }

  @Test
  void numbersANameHandedOutBefore() {
    FileNames names = new FileNames();
    assertEquals("m-w-a_b.png", names.unique("m-w-a_b", ".png"));
    assertEquals("m-w-a_b-2.png", names.unique("m-w-a_b", ".png"));
    assertEquals("m-w-a_b-3.png", names.unique("m-w-a_b", ".png"));
  }
}
