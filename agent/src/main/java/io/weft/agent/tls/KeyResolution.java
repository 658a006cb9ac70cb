package io.weft.agent.tls;

import io.vertx.core.json.JsonObject;
import io.weft.agent.state.StateFiles;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.agent.FleetPassword;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How a starting agent comes by its fleet's salt and keys, in this order:
 *
 * <ol>
 *   <li>the salt it keeps ({@value #SALT_FILE}), from an earlier start;
 *   <li>keys it kept from before fleets had salts of their own: the first scheme;
 *   <li>its join candidates: it asks them which fleet they are ({@link FleetProbe}), derives
 *       with the salt their certificates name, and takes it only if their certificate is signed
 *       by the CA it derived. If none is, a new host was given another password than that
 *       fleet's (or was lied to about the salt): it is refused ({@link ErrorCode#FLEET_REFUSED}).
 *       If none answers, a new host founds a fleet alone, with a salt of its own, and says so
 *       ({@link SaltAdoption} lets it join its candidates' fleet once one answers);
 *   <li>no candidates: a new host founds a fleet, with a new salt.
 * </ol>
 *
 * A host that ran before fleets had salts and finds nothing newer stays in the first scheme,
 * with a warning. Keys are derived once per host ({@link KeyCache}), in a JVM of their own
 * ({@link IsolatedDerivation}).
 */
public final class KeyResolution {

  static final String SALT_FILE = "fleet-salt.json";
  /** A joining host derives for at most this many different salts its candidates name. */
  private static final int MAX_SALTS_TRIED = 3;
  /** Rounds of asking the candidates before a new host founds a fleet alone, and the pause. */
  private static final int PROBE_ROUNDS = 2;
  private static final long PROBE_PAUSE_MS = 1000;

  /** Derives keys somewhere: in a child JVM for the agent, in-process for tests. */
  public interface Deriver {
    IsolatedDerivation.Outcome derive(FleetPassword password, FleetSalt salt, DerivationCost cost);
  }

  /**
   * The outcome: the fleet's salt, its keys, and whether this host founded its fleet alone
   * because its candidates did not answer.
   */
  public record Resolved(FleetSalt salt, KeyDerivation keys, boolean alone) {}

  private final Path stateDir;
  private final FleetPassword password;
  private final DerivationCost cost;
  private final Deriver deriver;
  private final FleetProbe probe;
  private final Consumer<String> say;

  /**
   * At the standard cost, derived in a child JVM, probing {@code ports} of each candidate.
   *
   * @param say where lines for the agent's log go
   */
  public KeyResolution(Path stateDir, FleetPassword password, List<Integer> ports, Consumer<String> say) {
    this(stateDir, password, DerivationCost.STANDARD, IsolatedDerivation::derive,
        new FleetProbe(ports, 2000, 3000), say);
  }

  KeyResolution(Path stateDir, FleetPassword password, DerivationCost cost, Deriver deriver,
      FleetProbe probe, Consumer<String> say) {
    this.stateDir = stateDir;
    this.password = password;
    this.cost = cost;
    this.deriver = deriver;
    this.probe = probe;
    this.say = say;
  }

  /**
   * @param candidates the hosts to join through (addresses)
   * @param newHost whether this host has no fleet of its own yet (its first start)
   */
  public Resolved resolve(List<String> candidates, boolean newHost) {
    Optional<JsonObject> kept = keptSalt(stateDir);
    if (kept.isPresent()) {
      FleetSalt salt = FleetSalt.parse(kept.get().getString("salt"));
      warnIfFirstScheme(salt);
      return new Resolved(salt, keys(salt), kept.get().getBoolean("alone", false));
    }
    Optional<FleetSalt> old = KeyCache.keptSalt(password, stateDir)
        .filter(s -> s.scheme() == FleetSalt.Scheme.PBKDF2_V1);
    if (old.isPresent()) {
      warnIfFirstScheme(old.get());
      return new Resolved(old.get(), keys(old.get()), false);
    }
    if (!candidates.isEmpty()) {
      List<FleetProbe.Answer> shown = askUntilShown(candidates);
      if (!shown.isEmpty()) {
        Optional<Resolved> learned = learn(shown);
        if (learned.isPresent()) {
          return learned.get();
        }
        if (newHost) {
          throw refused(shown);
        }
      } else if (newHost) {
        FleetSalt salt = FleetSalt.generate();
        say.accept("none of " + String.join(" ", candidates) + " answered: founding a fleet alone, salt "
            + salt + "; it joins theirs once one answers");
        keepSalt(stateDir, salt, true);
        return new Resolved(salt, keys(salt), true);
      }
    } else if (newHost) {
      FleetSalt salt = FleetSalt.generate();
      say.accept("founding a new fleet, salt " + salt);
      keepSalt(stateDir, salt, false);
      return new Resolved(salt, keys(salt), false);
    }
    FleetSalt first = FleetSalt.firstScheme();
    warnIfFirstScheme(first);
    return new Resolved(first, keys(first), false);
  }

  /** The candidates that showed a weft fleet's certificate, after a few rounds of asking. */
  private List<FleetProbe.Answer> askUntilShown(List<String> candidates) {
    for (int round = 1; ; round++) {
      List<FleetProbe.Answer> shown = probe.ask(candidates).stream()
          .filter(a -> a.shown() && FleetSalt.ofIssuer(a.certificate().getIssuerX500Principal()).isPresent())
          .toList();
      if (!shown.isEmpty() || round == PROBE_ROUNDS) {
        return shown;
      }
      try {
        Thread.sleep(PROBE_PAUSE_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return shown;
      }
    }
  }

  /**
   * The salt named by the candidates whose certificate the derived CA signed, tried in the
   * candidates' order, a few different salts at most (each costs a derivation).
   */
  private Optional<Resolved> learn(List<FleetProbe.Answer> shown) {
    Map<FleetSalt, List<FleetProbe.Answer>> bySalt = new LinkedHashMap<>();
    for (FleetProbe.Answer a : shown) {
      bySalt.computeIfAbsent(FleetSalt.ofIssuer(a.certificate().getIssuerX500Principal()).orElseThrow(),
          s -> new ArrayList<>()).add(a);
    }
    int tried = 0;
    for (Map.Entry<FleetSalt, List<FleetProbe.Answer>> e : bySalt.entrySet()) {
      if (tried++ == MAX_SALTS_TRIED) {
        break;
      }
      FleetSalt salt = e.getKey();
      KeyDerivation keys = keys(salt);
      FleetCertificates fleet = FleetCertificates.derive(keys, salt);
      Optional<FleetProbe.Answer> member = e.getValue().stream().filter(a -> fleet.signed(a.certificate())).findFirst();
      if (member.isPresent()) {
        say.accept("learned the fleet's salt from " + member.get().candidate() + ": " + salt);
        warnIfFirstScheme(salt);
        keepSalt(stateDir, salt, false);
        return Optional.of(new Resolved(salt, keys, false));
      }
      keys.destroy();
    }
    return Optional.empty();
  }

  /** The keys of {@code salt}: kept from an earlier start, or derived now and kept. */
  private KeyDerivation keys(FleetSalt salt) {
    Optional<KeyDerivation> kept = KeyCache.kept(password, salt, cost, stateDir);
    if (kept.isPresent()) {
      return kept.get();
    }
    IsolatedDerivation.Outcome made = deriver.derive(password, salt, cost);
    say.accept("fleet keys derived in " + made.millis() + " ms (" + cost.describe(salt.scheme())
        + (made.peakKiB() > 0 ? "; in a JVM of its own that peaked at " + made.peakKiB() / 1024 + " MB resident" : "")
        + ")");
    KeyCache.keep(made.keys(), password, salt, cost, stateDir);
    return made.keys();
  }

  private void warnIfFirstScheme(FleetSalt salt) {
    if (salt.scheme() == FleetSalt.Scheme.PBKDF2_V1) {
      say.accept("warning: this fleet's keys come from the first scheme (PBKDF2, one salt shared by "
          + "every such fleet); move it to a salt of its own: docs/security.md, \"Moving a fleet to "
          + "its own salt\"");
    }
  }

  private static WeftException refused(List<FleetProbe.Answer> shown) {
    return new WeftException(ErrorCode.FLEET_REFUSED, "the fleet at " + String.join(" ",
        shown.stream().map(FleetProbe.Answer::candidate).toList()) + " refused this host: it was "
        + "launched with another fleet password than that fleet's");
  }

  /** The salt this host keeps, with whether it founded its fleet alone; empty before its first start. */
  static Optional<JsonObject> keptSalt(Path stateDir) {
    JsonObject kept = StateFiles.readJson(stateDir.resolve(SALT_FILE));
    return kept.getValue("salt") instanceof String ? Optional.of(kept) : Optional.empty();
  }

  /** Keeps {@code salt} for this host's next starts; not secret, but the fleet's for good. */
  static void keepSalt(Path stateDir, FleetSalt salt, boolean alone) {
    StateFiles.write(stateDir.resolve(SALT_FILE),
        new JsonObject().put("salt", salt.toString()).put("alone", alone).encodePrettily() + "\n");
  }
}
