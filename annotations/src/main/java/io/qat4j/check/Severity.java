package io.qat4j.check;

/** How bad a problem is. */
public enum Severity {
  /** The model cannot be quantized as declared; nothing is generated. */
  ERROR,
  /** The model works, but not as a user would likely expect. */
  WARNING
}
