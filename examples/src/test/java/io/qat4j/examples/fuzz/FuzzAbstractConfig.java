package io.qat4j.examples.fuzz;

import io.qat4j.annotation.QuantizeConfig;

/** A config the runtime cannot create, being abstract: declarations naming it are rejected. */
public abstract class FuzzAbstractConfig implements QuantizeConfig {}
