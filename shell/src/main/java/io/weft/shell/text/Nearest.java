package io.weft.shell.text;

import java.util.Collection;
import java.util.Optional;

/**
 * The word meant, for a word mistyped: the nearest of the candidates by edit distance (a letter
 * added, dropped, changed, or two swapped), when it is near enough to be a slip of the fingers
 * and no other candidate is as near. {@code atach} gives {@code attach}; {@code frobnicate}
 * gives nothing.
 */
public final class Nearest {

  private Nearest() {}

  public static Optional<String> to(String typed, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    boolean tie = false;
    for (String candidate : candidates) {
      int d = distance(typed.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
        tie = false;
      } else if (d == bestDistance) {
        tie = true;
      }
    }
    int allowed = Math.min(2, Math.max(1, strip(typed).length() / 3));
    return best != null && !tie && bestDistance > 0 && bestDistance <= allowed
        ? Optional.of(best) : Optional.empty();
  }

  /** {@code ", did you mean 'X'?"}-style ending for a message, or nothing. */
  public static String hint(String typed, Collection<String> candidates) {
    return to(typed, candidates).map(w -> " (did you mean '" + w + "'?)").orElse("");
  }

  private static String strip(String word) {
    return word.replaceFirst("^-+", "");
  }

  /** Optimal string alignment distance: Levenshtein with adjacent swaps. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
