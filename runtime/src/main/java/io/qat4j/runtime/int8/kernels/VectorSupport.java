package io.qat4j.runtime.int8.kernels;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the Vector API microkernel can run: the JVM was started with {@code --add-modules
 * jdk.incubator.vector} and {@code -Dqat4j.vector=false} does not turn it off. Without it the
 * plain-Java kernels run, with the same results.
 */
final class VectorSupport {
  private static final Logger LOG = LoggerFactory.getLogger(VectorSupport.class);
  static final String MODULE = "jdk.incubator.vector";
  private static final Optional<ChannelTiles> TILES = load(
      ModuleLayer.boot().findModule(MODULE).isPresent(),
      Boolean.parseBoolean(System.getProperty("qat4j.vector", "true")));

  private VectorSupport() {}

  /** The microkernel, if this JVM can run it. */
  static Optional<ChannelTiles> tiles() {
    return TILES;
  }

  /** The microkernel if the module is present and enabled; any failure to load falls back. */
  static Optional<ChannelTiles> load(boolean modulePresent, boolean enabled) {
    if (!enabled) {
      LOG.info("int8 convolutions use plain Java: -Dqat4j.vector=false");
      return Optional.empty();
    }
    if (!modulePresent) {
      LOG.info("int8 convolutions use plain Java; start the JVM with --add-modules {} for the"
          + " Vector API kernels, about twice as fast", MODULE);
      return Optional.empty();
    }
    try {
      ChannelTiles tiles = (ChannelTiles) Class.forName(VectorSupport.class.getPackageName()
          + ".VectorTiles").getDeclaredConstructor().newInstance();
      LOG.info("int8 convolutions use the Vector API, {} pixels per tile", tiles.pixelMultiple());
      return Optional.of(tiles);
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.warn("int8 convolutions use plain Java: the Vector API kernels failed to load ({})",
          e.toString());
      return Optional.empty();
    }
  }
}
