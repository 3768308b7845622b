package io.qat4j.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.qat4j.model.ModelDecl;
import io.qat4j.model.Shape;
import io.qat4j.plan.QuantizedGraph;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Generated;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Writes {@code <Name>Int8}: a typed facade over the runtime's int8 predictor for one model, with
 * the model's shapes as constants, factories that accept only networks of this model's graph, and
 * prediction methods that check their inputs against the model's input shape.
 *
 * <p>Written only when the runtime's int8 engine is on the compile classpath; the generated code
 * refers to its classes by name, so the processor itself does not depend on the runtime.
 */
final class Int8FacadeWriter {
  static final String SUFFIX = "Int8";

  /** The runtime's int8 predictor; the facade is generated when it is present. */
  static final ClassName INT8_PREDICTOR = ClassName.get("io.qat4j.runtime.int8", "Int8Predictor");

  /** The runtime's ONNX QDQ exporter; {@code exportOnnx} is generated when it is present. */
  static final ClassName QDQ_EXPORT = ClassName.get("io.qat4j.runtime.export.onnx", "QdqExport");

  private static final String PROCESSOR = "io.qat4j.processor.Qat4jProcessor";
  private static final ClassName INT8_MODEL = ClassName.get("io.qat4j.runtime.int8", "Int8Model");
  private static final ClassName INT8_MODEL_FILE =
      ClassName.get("io.qat4j.runtime.int8", "Int8ModelFile");
  private static final ClassName INT8_CONVERTER =
      ClassName.get("io.qat4j.runtime.int8", "Int8Converter");
  private static final TypeName FLOATS = ArrayTypeName.of(float.class);
  private static final TypeName FLOAT_BATCH = ArrayTypeName.of(FLOATS);
  private static final TypeName BYTES = ArrayTypeName.of(byte.class);
  private static final TypeName BYTE_BATCH = ArrayTypeName.of(BYTES);
  private static final TypeName INTS = ArrayTypeName.of(int.class);

  /** Smallest and largest input rank that gets a typed nested-array overload. */
  private static final int MIN_NESTED_RANK = 3;
  private static final int MAX_NESTED_RANK = 4;

  private final TypeElement model;
  private final QuantizedGraph graph;
  private final ClassName self;
  private final ClassName quantized;
  private final boolean withOnnx;

  private Int8FacadeWriter(TypeElement model, QuantizedGraph graph, boolean withOnnx) {
    this.model = model;
    this.graph = graph;
    this.withOnnx = withOnnx;
    String pkg = GraphWriter.packageName(model);
    this.self = ClassName.get(pkg, generatedName(model));
    this.quantized = ClassName.get(pkg, GraphWriter.generatedName(model));
  }

  /** The simple name of the facade generated for {@code model}. */
  static String generatedName(TypeElement model) {
    String base = GraphWriter.generatedName(model);
    return base.substring(0, base.length() - GraphWriter.SUFFIX.length()) + SUFFIX;
  }

  /**
   * Whether an input of this rank gets {@code predict} and {@code classify} overloads taking a
   * nested array. Rank 1 would repeat the {@code float[]} methods and rank 2 would clash with the
   * {@code float[][]} batch methods, so only ranks 3 and 4 do.
   */
  static boolean hasNestedOverloads(Shape input) {
    return input.rank() >= MIN_NESTED_RANK && input.rank() <= MAX_NESTED_RANK;
  }

  /**
   * The facade for {@code model}, whose quantized wrapper graph is {@code graph}; with {@code
   * exportOnnx} when {@code withOnnx}, that is when the runtime's {@link #QDQ_EXPORT} is present.
   */
  static JavaFile write(TypeElement model, QuantizedGraph graph, boolean withOnnx) {
    return new Int8FacadeWriter(model, graph, withOnnx).file();
  }

  /**
   * The name of the ONNX graph output: the output layer, or the layer it folds into (following
   * {@code foldedInto} until a layer that is not folded), since the exporter names the graph
   * output after the int8 model's output tensor.
   */
  static String onnxOutput(QuantizedGraph graph) {
    return graph.producer(graph.output().name());
  }

  private JavaFile file() {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(self)
            .addOriginatingElement(model)
            .addAnnotation(
                AnnotationSpec.builder(Generated.class)
                    .addMember("value", "$S", PROCESSOR)
                    .addMember("comments", "$S", "from " + model.getQualifiedName())
                    .build())
            .addJavadoc(classDoc());
    if (model.getModifiers().contains(Modifier.PUBLIC)) {
      type.addModifiers(Modifier.PUBLIC);
    }
    type.addModifiers(Modifier.FINAL);
    type.addFields(fields());
    type.addMethods(factories());
    type.addMethods(predictions());
    type.addMethods(accessors());
    type.addMethods(exports());
    type.addMethods(checks());
    return JavaFile.builder(self.packageName(), type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  private CodeBlock classDoc() {
    return CodeBlock.builder()
        .add("The int8 model of {@link $T}, generated by qat4j: integer-only inference from\n", model)
        .add("inputs of shape $L to outputs of shape $L.\n", graph.input(), graph.outputShape())
        .add("\n<p>Get one by converting a network trained from {@link $T#GRAPH}, by loading a\n",
            quantized)
        .add("file saved with {@link #save}, or by wrapping an {@link $T} of this model. Every\n",
            INT8_MODEL)
        .add("input is checked against {@link #INPUT_SHAPE}. Instances are thread-safe.\n")
        .build();
  }

  // ---- fields -----------------------------------------------------------------------------

  private List<FieldSpec> fields() {
    return List.of(
        FieldSpec.builder(Shape.class, "INPUT_SHAPE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("Shape of one input example, channels first: $L.\n", graph.input())
            .initializer("$T.INPUT_SHAPE", quantized)
            .build(),
        FieldSpec.builder(Shape.class, "OUTPUT_SHAPE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("Shape of one output example: $L.\n", graph.outputShape())
            .initializer("$T.OUTPUT_SHAPE", quantized)
            .build(),
        FieldSpec.builder(int.class, "INPUT_SIZE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("Values per input example: the product of {@link #INPUT_SHAPE}.\n")
            .initializer("$L", Math.toIntExact(graph.input().elements()))
            .build(),
        FieldSpec.builder(int.class, "OUTPUT_SIZE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("Values per output example: the product of {@link #OUTPUT_SHAPE}.\n")
            .initializer("$L", Math.toIntExact(graph.outputShape().elements()))
            .build(),
        FieldSpec.builder(String.class, "ONNX_INPUT", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("Name of the input of the ONNX graph written by {@code exportOnnx}:"
                + " {@link $T#INPUT}.\n", INT8_MODEL)
            .initializer("$S", ModelDecl.INPUT)
            .build(),
        FieldSpec.builder(String.class, "ONNX_OUTPUT", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addJavadoc("Name of the output of the ONNX graph written by {@code exportOnnx}: {@code $L},\n"
                + "the output layer, or the layer it is folded into.\n", onnxOutput(graph))
            .initializer("$S", onnxOutput(graph))
            .build(),
        FieldSpec.builder(INT8_PREDICTOR, "predictor", Modifier.PRIVATE, Modifier.FINAL)
            .addJavadoc("The predictor every method delegates to.\n")
            .build());
  }

  // ---- factories --------------------------------------------------------------------------

  private List<MethodSpec> factories() {
    return List.of(constructor(), load(), convert(), of());
  }

  private MethodSpec constructor() {
    return MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PRIVATE)
        .addParameter(INT8_PREDICTOR, "predictor")
        .addJavadoc("Wraps {@code predictor}, whose model was converted from {@link $T#GRAPH}.\n",
            quantized)
        .addStatement("this.predictor = predictor")
        .build();
  }

  private MethodSpec load() {
    return MethodSpec.methodBuilder("load")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(self)
        .addParameter(Path.class, "file")
        .addException(IOException.class)
        .addJavadoc("Loads an int8 model saved with {@link #save}, checked against {@link $T#GRAPH}.\n",
            quantized)
        .addJavadoc("\n@param file the model file\n")
        .addJavadoc("@return the model\n")
        .addJavadoc("@throws IOException if the file cannot be read, is corrupt, or holds another model\n")
        .addStatement("return new $T($T.load(file, $T.GRAPH))", self, INT8_PREDICTOR, quantized)
        .build();
  }

  private MethodSpec convert() {
    return MethodSpec.methodBuilder("convert")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(self)
        .addParameter(GraphWriter.TRAINABLE_MODEL, "trained")
        .addJavadoc("Converts a network trained from {@link $T#GRAPH} to integers.\n", quantized)
        .addJavadoc("\n@param trained the trained network\n")
        .addJavadoc("@return the int8 model\n")
        .addJavadoc("@throws IllegalArgumentException if {@code trained} is a network of another model,\n"
            + "    or one the converter rejects\n")
        .addJavadoc("@throws IllegalStateException if the converter cannot convert {@code trained} as it is\n")
        .addStatement("checkGraph(trained.graph(), $S)", "trained")
        .addStatement("return new $T($T.of($T.convert(trained)))", self, INT8_PREDICTOR, INT8_CONVERTER)
        .build();
  }

  private MethodSpec of() {
    return MethodSpec.methodBuilder("of")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(self)
        .addParameter(INT8_MODEL, "model")
        .addJavadoc("Wraps an int8 model converted from {@link $T#GRAPH}.\n", quantized)
        .addJavadoc("\n@param model the int8 model\n")
        .addJavadoc("@return the typed model\n")
        .addJavadoc("@throws IllegalArgumentException if {@code model} was converted from another model\n")
        .addStatement("checkGraph(model.graph(), $S)", "converted")
        .addStatement("return new $T($T.of(model))", self, INT8_PREDICTOR)
        .build();
  }

  // ---- predictions ------------------------------------------------------------------------

  private List<MethodSpec> predictions() {
    List<MethodSpec> out = new ArrayList<>();
    out.add(predictOne());
    out.add(predictBatch());
    if (hasNestedOverloads(graph.input())) {
      out.add(predictNested());
    }
    out.add(predictQuantizedOne());
    out.add(predictQuantizedBatch());
    out.add(classifyOne());
    out.add(classifyBatch());
    if (hasNestedOverloads(graph.input())) {
      out.add(classifyNested());
    }
    out.add(quantize());
    return out;
  }

  private static MethodSpec.Builder instanceMethod(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC).returns(returns);
  }

  private MethodSpec predictOne() {
    return instanceMethod("predict", FLOATS)
        .addParameter(FLOATS, "input")
        .addJavadoc("The dequantized output of one example.\n")
        .addJavadoc("\n@param input $L values, row-major in {@link #INPUT_SHAPE}\n", inputSize())
        .addJavadoc("@return $L values\n", outputSize())
        .addJavadoc("@throws IllegalArgumentException if {@code input} does not have {@link #INPUT_SIZE}\n"
            + "    values or one is NaN\n")
        .addStatement("checkLength(input.length)")
        .addStatement("return predictor.predict(input)")
        .build();
  }

  private MethodSpec predictBatch() {
    return instanceMethod("predict", FLOAT_BATCH)
        .addParameter(FLOAT_BATCH, "inputs")
        .addJavadoc("The dequantized outputs of a batch, in order.\n")
        .addJavadoc("\n@param inputs examples of {@link #INPUT_SIZE} values each\n")
        .addJavadoc("@return $L values per example\n", outputSize())
        .addJavadoc("@throws IllegalArgumentException if the batch is empty or an example is wrong\n")
        .addStatement("return predictor.predict(inputs)")
        .build();
  }

  private MethodSpec predictNested() {
    return instanceMethod("predict", FLOATS)
        .addParameter(nestedType(), "input")
        .addJavadoc("The dequantized output of one example given in the shape $L.\n", graph.input())
        .addJavadoc("\n@param input one example, indexed like {@link #INPUT_SHAPE}\n")
        .addJavadoc("@return $L values\n", outputSize())
        .addJavadoc("@throws IllegalArgumentException if a dimension of {@code input} differs from\n"
            + "    {@link #INPUT_SHAPE} or a value is NaN\n")
        .addStatement("return predictor.predict(flatten(input))")
        .build();
  }

  private MethodSpec predictQuantizedOne() {
    return instanceMethod("predictQuantized", BYTES)
        .addParameter(BYTES, "input")
        .addJavadoc("The output codes of one example's input codes, as given by {@link #quantize}.\n")
        .addJavadoc("\n@param input $L int8 codes\n", inputSize())
        .addJavadoc("@return $L int8 codes\n", outputSize())
        .addJavadoc("@throws IllegalArgumentException if {@code input} does not have {@link #INPUT_SIZE}\n"
            + "    codes\n")
        .addStatement("checkLength(input.length)")
        .addStatement("return predictor.runQuantized(input)")
        .build();
  }

  private MethodSpec predictQuantizedBatch() {
    return instanceMethod("predictQuantized", BYTE_BATCH)
        .addParameter(BYTE_BATCH, "inputs")
        .addJavadoc("The output codes of a batch of input codes, in order.\n")
        .addJavadoc("\n@param inputs examples of {@link #INPUT_SIZE} int8 codes each\n")
        .addJavadoc("@return $L int8 codes per example\n", outputSize())
        .addJavadoc("@throws IllegalArgumentException if the batch is empty or an example is wrong\n")
        .addStatement("return predictor.runQuantized(inputs)")
        .build();
  }

  private MethodSpec classifyOne() {
    return instanceMethod("classify", TypeName.INT)
        .addParameter(FLOATS, "input")
        .addJavadoc("The index of the largest output of one example, the first on ties.\n")
        .addJavadoc("\n@param input $L values, row-major in {@link #INPUT_SHAPE}\n", inputSize())
        .addJavadoc("@return an index below {@link #OUTPUT_SIZE}\n")
        .addJavadoc("@throws IllegalArgumentException if {@code input} does not have {@link #INPUT_SIZE}\n"
            + "    values or one is NaN\n")
        .addStatement("checkLength(input.length)")
        .addStatement("return predictor.classify(input)")
        .build();
  }

  private MethodSpec classifyBatch() {
    return instanceMethod("classify", INTS)
        .addParameter(FLOAT_BATCH, "inputs")
        .addJavadoc("The index of the largest output of each example of a batch.\n")
        .addJavadoc("\n@param inputs examples of {@link #INPUT_SIZE} values each\n")
        .addJavadoc("@return one index below {@link #OUTPUT_SIZE} per example\n")
        .addJavadoc("@throws IllegalArgumentException if the batch is empty or an example is wrong\n")
        .addStatement("return predictor.classify(inputs)")
        .build();
  }

  private MethodSpec classifyNested() {
    return instanceMethod("classify", TypeName.INT)
        .addParameter(nestedType(), "input")
        .addJavadoc("The index of the largest output of one example given in the shape $L.\n",
            graph.input())
        .addJavadoc("\n@param input one example, indexed like {@link #INPUT_SHAPE}\n")
        .addJavadoc("@return an index below {@link #OUTPUT_SIZE}\n")
        .addJavadoc("@throws IllegalArgumentException if a dimension of {@code input} differs from\n"
            + "    {@link #INPUT_SHAPE} or a value is NaN\n")
        .addStatement("return predictor.classify(flatten(input))")
        .build();
  }

  private MethodSpec quantize() {
    return instanceMethod("quantize", BYTES)
        .addParameter(FLOATS, "input")
        .addJavadoc("The int8 codes of one example with the model's input scale and zero point.\n")
        .addJavadoc("\n@param input $L values, row-major in {@link #INPUT_SHAPE}\n", inputSize())
        .addJavadoc("@return $L int8 codes, saturated\n", inputSize())
        .addJavadoc("@throws IllegalArgumentException if {@code input} does not have {@link #INPUT_SIZE}\n"
            + "    values or one is NaN\n")
        .addStatement("checkLength(input.length)")
        .addStatement("return predictor.quantize(input)")
        .build();
  }

  // ---- accessors --------------------------------------------------------------------------

  private List<MethodSpec> accessors() {
    return List.of(
        instanceMethod("model", INT8_MODEL)
            .addJavadoc("The int8 model this class runs.\n")
            .addJavadoc("\n@return the model, as converted or loaded\n")
            .addStatement("return predictor.model()")
            .build(),
        instanceMethod("predictor", INT8_PREDICTOR)
            .addJavadoc("The untyped predictor this class wraps.\n")
            .addJavadoc("\n@return the predictor every method delegates to\n")
            .addStatement("return predictor")
            .build(),
        instanceMethod("save", TypeName.VOID)
            .addParameter(Path.class, "file")
            .addException(IOException.class)
            .addJavadoc("Writes the int8 model to {@code file}, to be read back with {@link #load}.\n")
            .addJavadoc("\n@param file where to write it\n")
            .addJavadoc("@throws IOException if it cannot be written\n")
            .addStatement("$T.write(predictor.model(), file)", INT8_MODEL_FILE)
            .build());
  }

  private List<MethodSpec> exports() {
    if (!withOnnx) {
      return List.of();
    }
    return List.of(
        instanceMethod("exportOnnx", TypeName.VOID)
            .addParameter(Path.class, "file")
            .addException(IOException.class)
            .addJavadoc("Writes this model as an ONNX QDQ model (opset 13): input {@link #ONNX_INPUT} of\n"
                + "shape [N, ...INPUT_SHAPE] float, output {@link #ONNX_OUTPUT}; ONNX Runtime and other\n"
                + "QDQ-aware runtimes run it with integer kernels.\n")
            .addJavadoc("\n@param file where to write it\n")
            .addJavadoc("@throws IOException if it cannot be written\n")
            .addStatement("$T.write(predictor.model(), file)", QDQ_EXPORT)
            .build());
  }

  // ---- checks -----------------------------------------------------------------------------

  private List<MethodSpec> checks() {
    List<MethodSpec> out = new ArrayList<>();
    out.add(checkGraph());
    out.add(describe());
    out.add(checkLength());
    if (hasNestedOverloads(graph.input())) {
      out.add(flatten());
      out.add(checkDimension());
    }
    return out;
  }

  private MethodSpec checkGraph() {
    return MethodSpec.methodBuilder("checkGraph")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(QuantizedGraph.class, "graph")
        .addParameter(String.class, "how")
        .addJavadoc("Checks that {@code graph}, which a network was {@code how} from, is this model's.\n")
        .beginControlFlow("if (!graph.equals($T.GRAPH))", quantized)
        .addStatement("throw new $T($S + graph.name() + $S + how\n+ $S + describe(graph)"
                + "\n+ $S + describe($T.GRAPH))",
            IllegalArgumentException.class, "model ", " was ", " from graph ", ", not ", quantized)
        .endControlFlow()
        .build();
  }

  private MethodSpec describe() {
    return MethodSpec.methodBuilder("describe")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(String.class)
        .addParameter(QuantizedGraph.class, "graph")
        .addJavadoc("The name, shapes and layer count of {@code graph}, for messages.\n")
        .addStatement("return graph.name() + $S + graph.input() + $S + graph.outputShape() + $S\n"
                + "+ graph.layers().size() + $S",
            " (", " -> ", ", ", " layers)")
        .build();
  }

  private MethodSpec checkLength() {
    return MethodSpec.methodBuilder("checkLength")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(int.class, "length")
        .addJavadoc("Checks that one flat example has {@link #INPUT_SIZE} values.\n")
        .beginControlFlow("if (length != INPUT_SIZE)")
        .addStatement("throw new $T($S + length\n+ $S + INPUT_SIZE + $S + INPUT_SHAPE + $S)",
            IllegalArgumentException.class, "input has ", " values, " + graph.name() + " expects ",
            " (shape ", ")")
        .endControlFlow()
        .build();
  }

  private MethodSpec checkDimension() {
    return MethodSpec.methodBuilder("checkDimension")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(int.class, "length")
        .addParameter(int.class, "dimension")
        .addJavadoc("Checks one dimension of a nested example against {@link #INPUT_SHAPE};"
            + " a length of −1 stands for a null row.\n")
        .beginControlFlow("if (length < 0)")
        .addStatement("throw new $T($S + dimension\n+ $S + INPUT_SHAPE)",
            IllegalArgumentException.class, "input has a null row at dimension ",
            ", " + graph.name() + " expects ")
        .endControlFlow()
        .beginControlFlow("if (length != INPUT_SHAPE.dim(dimension))")
        .addStatement("throw new $T($S + length + $S + dimension\n+ $S + INPUT_SHAPE)",
            IllegalArgumentException.class, "input has ", " rows at dimension ",
            ", " + graph.name() + " expects ")
        .endControlFlow()
        .build();
  }

  /**
   * Copies a nested example row-major into one array, checking each dimension on the way: a loop
   * per dimension but the last, whose rows are copied whole.
   */
  private MethodSpec flatten() {
    int rank = graph.input().rank();
    MethodSpec.Builder m =
        MethodSpec.methodBuilder("flatten")
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(FLOATS)
            .addParameter(nestedType(), "input")
            .addJavadoc("Checks {@code input} against {@link #INPUT_SHAPE} and copies it row-major.\n")
            .addStatement("checkDimension(input == null ? -1 : input.length, 0)")
            .addStatement("$T flat = new float[INPUT_SIZE]", FLOATS)
            .addStatement("int at = 0");
    String outer = "input";
    for (int d = 1; d < rank; d++) {
      String row = "row" + d;
      m.beginControlFlow("for ($T $N : $N)", nested(rank - d), row, outer);
      m.addStatement("checkDimension($N == null ? -1 : $N.length, $L)", row, row, d);
      outer = row;
    }
    m.addStatement("$T.arraycopy($N, 0, flat, at, $N.length)", System.class, outer, outer);
    m.addStatement("at += $N.length", outer);
    for (int d = 1; d < rank; d++) {
      m.endControlFlow();
    }
    return m.addStatement("return flat").build();
  }

  // ---- helpers ----------------------------------------------------------------------------

  private TypeName nestedType() {
    return nested(graph.input().rank());
  }

  /** {@code float} with {@code rank} pairs of brackets. */
  private static TypeName nested(int rank) {
    TypeName t = TypeName.FLOAT;
    for (int i = 0; i < rank; i++) {
      t = ArrayTypeName.of(t);
    }
    return t;
  }

  private int inputSize() {
    return Math.toIntExact(graph.input().elements());
  }

  private int outputSize() {
    return Math.toIntExact(graph.outputShape().elements());
  }
}
