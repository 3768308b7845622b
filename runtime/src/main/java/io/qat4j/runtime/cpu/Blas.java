package io.qat4j.runtime.cpu;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Row-major matrix products on native memory, straight into the OpenBLAS that ND4J loads. Calling
 * BLAS directly skips the per-call cost of ND4J's matmul op, which adds up over the
 * one-product-per-example loops of a convolution.
 *
 * <p>qat4j parallelizes across examples itself ({@link Parallel}), so this class sets OpenBLAS
 * to one thread when it loads, unless {@code qat4j.blasThreads} names another count: several
 * threads calling a multi-threaded OpenBLAS at once would fight over the same cores.
 */
public final class Blas {
  static {
    String value = System.getProperty("qat4j.blasThreads");
    int threads = 1;
    if (value != null && !value.isBlank()) {
      threads = Integer.parseInt(value.trim());
    }
    if (threads > 0) {
      openblas_nolapack.blas_set_num_threads(threads);
    }
  }

  private Blas() {}

  /** Makes sure the thread setting above has been applied. */
  public static void init() {
    // Loading the class is enough.
  }

  /**
   * {@code C = alpha · op(A) · op(B) + beta · C} with {@code op(A)} of {@code m x k} and {@code
   * op(B)} of {@code k x n}, all row-major; the offsets count elements from each pointer's
   * position.
   */
  public static void gemm(
      boolean transA, boolean transB, int m, int n, int k,
      float alpha, FloatPointer a, long aOffset, int lda,
      FloatPointer b, long bOffset, int ldb,
      float beta, FloatPointer c, long cOffset, int ldc) {
    openblas_nolapack.cblas_sgemm(
        openblas_nolapack.CblasRowMajor,
        transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        m, n, k, alpha, Memory.at(a, aOffset), lda, Memory.at(b, bOffset), ldb, beta,
        Memory.at(c, cOffset), ldc);
  }

  /** The double-precision {@link #gemm(boolean, boolean, int, int, int, float, FloatPointer, long, int, FloatPointer, long, int, float, FloatPointer, long, int)}. */
  public static void gemm(
      boolean transA, boolean transB, int m, int n, int k,
      double alpha, DoublePointer a, long aOffset, int lda,
      DoublePointer b, long bOffset, int ldb,
      double beta, DoublePointer c, long cOffset, int ldc) {
    openblas_nolapack.cblas_dgemm(
        openblas_nolapack.CblasRowMajor,
        transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
        m, n, k, alpha, Memory.at(a, aOffset), lda, Memory.at(b, bOffset), ldb, beta,
        Memory.at(c, cOffset), ldc);
  }
}
