package io.qat4j.model;

/** Every kind of layer the DSL declares, named as its annotation. */
public enum LayerKind {
  CONV2D("Conv2D"),
  DEPTHWISE_CONV2D("DepthwiseConv2D"),
  DENSE("Dense"),
  BATCH_NORM("BatchNorm"),
  RELU("ReLU"),
  RELU6("ReLU6"),
  MAX_POOL("MaxPool"),
  AVG_POOL("AvgPool"),
  GLOBAL_AVG_POOL("GlobalAvgPool"),
  ADD("Add"),
  CONCAT("Concat"),
  FLATTEN("Flatten"),
  RESHAPE("Reshape"),
  DROPOUT("Dropout"),
  SOFTMAX("Softmax"),
  CUSTOM("Custom");

  private final String annotationName;

  LayerKind(String annotationName) {
    this.annotationName = annotationName;
  }

  /** Simple name of the annotation that declares this kind, e.g. {@code Conv2D}. */
  public String annotationName() {
    return annotationName;
  }
}
