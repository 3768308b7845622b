package io.qat4j.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qat4j.runtime.graph.NamedParam;
import io.qat4j.runtime.layers.Param;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** {@link Checkpoint#assignTo}: all tensors or none, by name and shape. */
class CheckpointAssignTest {
  private static NamedParam tensor(String name, float... values) {
    return new NamedParam(name, new Param(name, Nd4j.createFromArray(values)));
  }

  private static Checkpoint saved(NamedParam... tensors) {
    return new Checkpoint("m", 0, 0, 0, 0, Checkpoint.valuesOf(List.of(tensors)));
  }

  @Test
  void everyTargetGetsTheValueOfItsName() throws Exception {
    NamedParam a = tensor("a", 0, 0);
    NamedParam b = tensor("b", 0);
    saved(tensor("b", 7), tensor("a", 1, 2), tensor("unused", 3)).assignTo(List.of(a, b),
        Path.of("c.ckpt"), "this network");
    assertArrayEquals(new float[] {1, 2}, a.param().value().toFloatVector());
    assertArrayEquals(new float[] {7}, b.param().value().toFloatVector());
  }

  @Test
  void aShapeMismatchAssignsNothingAndNamesTheTensorAndBothShapes() {
    NamedParam a = tensor("a", 0, 0);
    NamedParam b = tensor("b", 0);
    CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, () ->
        saved(tensor("a", 1, 2), tensor("b", 7, 8)).assignTo(List.of(a, b), Path.of("c.ckpt"),
            "this network"));
    assertTrue(e.getMessage().contains("tensor b is of shape [2] (this network has [1])"),
        e.getMessage());
    assertArrayEquals(new float[] {0, 0}, a.param().value().toFloatVector());
  }

  @Test
  void aMissingTensorIsNamed() {
    CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class, () ->
        saved(tensor("a", 1)).assignTo(List.of(tensor("z", 0)), Path.of("c.ckpt"), "it"));
    assertTrue(e.getMessage().contains("tensor z is missing (it has [1])"), e.getMessage());
  }
}
