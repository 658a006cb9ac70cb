package io.weft.bench.netlink;

import java.util.Arrays;

/** Durations of one kind, in milliseconds, with the percentiles the benchmark reports. */
final class Timings {

  private double[] ms = new double[64];
  private int n;

  void add(long nanos) {
    if (n == ms.length) {
      ms = Arrays.copyOf(ms, n * 2);
    }
    ms[n++] = nanos / 1e6;
  }

  /** The {@code p}-th percentile (0..100), nearest rank. */
  double percentile(double p) {
    double[] sorted = Arrays.copyOf(ms, n);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * n);
    return sorted[Math.max(0, Math.min(n - 1, rank - 1))];
  }

  double median() {
    double[] sorted = Arrays.copyOf(ms, n);
    Arrays.sort(sorted);
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  int count() {
    return n;
  }
}
