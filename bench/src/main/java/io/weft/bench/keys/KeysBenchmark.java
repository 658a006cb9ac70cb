package io.weft.bench.keys;

import io.weft.agent.tls.DerivationCost;
import io.weft.agent.tls.FleetSalt;
import io.weft.agent.tls.IsolatedDerivation;
import io.weft.agent.tls.KeyDerivation;
import io.weft.bench.fleet.Stats;
import io.weft.common.agent.FleetPassword;

/**
 * What the fleet's key derivation costs: a host at its first start (in a JVM of its own, as the
 * agent runs it: the time with that JVM's start, and its peak resident memory), and a guesser
 * testing passwords offline on one core of this machine, warm, with the second scheme's Argon2id
 * beside the first scheme's PBKDF2. No sandbox: CPU and memory only.
 *
 * <p>{@code bench/run keys [RUNS]} (default 5).
 */
public final class KeysBenchmark {

  private static final FleetPassword PASSWORD = FleetPassword.of("correct horse battery staple");

  private KeysBenchmark() {}

  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    DerivationCost cost = DerivationCost.STANDARD;
    System.out.println("first start, as the agent derives (" + cost.describe(FleetSalt.Scheme.ARGON2ID_V2)
        + ", a JVM of its own), " + runs + " runs:");
    Stats wall = new Stats();
    Stats inside = new Stats();
    Stats peak = new Stats();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      IsolatedDerivation.Outcome made = IsolatedDerivation.derive(PASSWORD, FleetSalt.generate(), cost);
      wall.add((System.nanoTime() - start) / 1e6);
      inside.add(made.millis());
      peak.add(made.peakKiB() / 1024.0);
    }
    System.out.printf("  with the JVM's start: median %.0f ms (%.0f..%.0f); the derivation alone: median %.0f ms;"
        + " the child's peak resident memory: median %.0f MB%n", wall.median(), wall.percentile(0),
        wall.percentile(100), inside.median(), peak.median());

    System.out.println("a guesser on one core, warm (each guess a derivation), " + runs + " guesses each:");
    Stats argon = guesses(runs, FleetSalt.generate(), cost);
    Stats pbkdf2 = guesses(runs, FleetSalt.firstScheme(), cost);
    System.out.printf("  Argon2id (second scheme): median %.0f ms a guess, %.1f guesses/s%n",
        argon.median(), 1000 / argon.median());
    System.out.printf("  PBKDF2, 1,000,000 iterations (first scheme): median %.0f ms a guess, %.1f guesses/s%n",
        pbkdf2.median(), 1000 / pbkdf2.median());
    System.out.printf("  Argon2id / PBKDF2 per guess on this CPU: %.2f (a CPU figure: on GPUs PBKDF2 runs"
        + " thousands of guesses at once, Argon2id as many as their memory holds 64 MiB)%n",
        argon.median() / pbkdf2.median());
  }

  private static Stats guesses(int runs, FleetSalt salt, DerivationCost cost) {
    KeyDerivation.derive(PASSWORD, salt, cost); // warm the JIT
    Stats taken = new Stats();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      KeyDerivation.derive(FleetPassword.of("guess " + i), salt, cost).destroy();
      taken.add((System.nanoTime() - start) / 1e6);
    }
    return taken;
  }
}
