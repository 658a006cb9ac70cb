package io.weft.bench.fleet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians and percentiles of measured durations, in milliseconds. */
public final class Stats {

  private final List<Double> samples = new ArrayList<>();

  public void add(double millis) {
    samples.add(millis);
  }

  public double percentile(double p) {
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  public double median() {
    return percentile(50);
  }

  public int count() {
    return samples.size();
  }
}
