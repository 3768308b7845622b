package io.qat4j.runtime.layers;

import io.qat4j.model.CustomSpec;
import io.qat4j.model.Shape;
import io.qat4j.runtime.layer.CustomLayer;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs a user {@link CustomLayer}. Its parameters become {@link Param}s sorted by name, sharing
 * the layer's arrays, so an optimizer updating them in place updates the layer; the layer's
 * gradients are added to them after each backward.
 */
final class CustomLayerOp implements LayerOp {
  private final CustomLayer layer;
  private final List<Param> params;

  CustomLayerOp(CustomLayer layer, Shape input, long seed) {
    this.layer = layer;
    layer.initialize(input.toArray(), seed);
    List<Param> list = new ArrayList<>();
    for (Map.Entry<String, INDArray> e : new TreeMap<>(layer.parameters()).entrySet()) {
      list.add(new Param(e.getKey(), e.getValue()));
    }
    this.params = List.copyOf(list);
  }

  /** Instantiates the class named by {@code spec} through its public no-argument constructor. */
  static CustomLayerOp create(CustomSpec spec, Shape input, long seed) {
    return new CustomLayerOp(instantiate(spec.type()), input, seed);
  }

  private static CustomLayer instantiate(String type) {
    Class<?> cls;
    try {
      // The context loader sees application classes where this module's loader may not.
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      if (loader == null) {
        loader = CustomLayerOp.class.getClassLoader();
      }
      cls = Class.forName(type, true, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("Custom layer class " + type + " is not on the class"
          + " path", e);
    }
    if (!CustomLayer.class.isAssignableFrom(cls)) {
      throw new IllegalArgumentException("Custom layer class " + type + " does not implement "
          + CustomLayer.class.getName());
    }
    try {
      return (CustomLayer) cls.getConstructor().newInstance();
    } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
      throw new IllegalArgumentException("Custom layer class " + type + " needs a public"
          + " no-argument constructor", e);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException("Custom layer class " + type + " failed to construct",
          e.getCause());
    }
  }

  @Override
  public INDArray forward(List<INDArray> inputs, boolean training) {
    return layer.forward(Tensors.single("Custom", inputs), training);
  }

  @Override
  public List<INDArray> backward(INDArray outputGradient) {
    INDArray gradIn = layer.backward(outputGradient);
    Map<String, INDArray> grads = layer.gradients();
    for (Param p : params) {
      INDArray g = grads.get(p.name());
      if (g == null) {
        throw new IllegalStateException("Custom layer " + layer.getClass().getName()
            + " returned no gradient for its parameter '" + p.name() + "'");
      }
      p.gradient().addi(g);
    }
    return List.of(gradIn);
  }

  @Override
  public List<Param> params() {
    return params;
  }
}
