package io.weft.agent.tls;

import io.vertx.core.json.JsonObject;
import io.weft.agent.state.StateFiles;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.agent.FleetPassword;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * How a starting agent comes by its fleet's salt and keys, in this order:
 *
 * <ol>
 *   <li>a host with no fleet yet (a new one) that has join candidates asks them which fleet they
 *       are ({@link SaltProbe}), derives with the salt their certificates name, and takes it only
 *       if their certificate is signed by the CA it derived. If none is, it was given another
 *       password than that fleet's (or was lied to about the salt): it is refused ({@link
 *       ErrorCode#FLEET_REFUSED});
 *   <li>otherwise the salt it keeps ({@value #SALT_FILE}) from an earlier start, or the first
 *       scheme when it kept keys from before fleets had salts of their own (with a warning). A
 *       host whose fleet was founded alone asks its candidates first, and takes theirs if it
 *       should ({@link FleetSalt#yieldsTo});
 *   <li>a new host that keeps nothing founds a fleet with a new salt: marked alone when its
 *       candidates did not answer ({@link SaltAdoption} takes it into their fleet once one does).
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

  /** The outcome: the fleet's salt and its keys. */
  public record Resolved(FleetSalt salt, KeyDerivation keys) {}

  private final Path stateDir;
  private final FleetPassword password;
  private final DerivationCost cost;
  private final Deriver deriver;
  private final SaltProbe probe;
  private final Consumer<String> say;
  /** Salts whose fleets' certificates this password's CA did not sign: not derived for again. */
  private final Set<FleetSalt> notOurs = ConcurrentHashMap.newKeySet();

  /**
   * At the standard cost, derived in a child JVM, probing {@code ports} of each candidate.
   *
   * @param say where lines for the agent's log go
   */
  public KeyResolution(Path stateDir, FleetPassword password, List<Integer> ports, Consumer<String> say) {
    this(stateDir, password, DerivationCost.STANDARD, IsolatedDerivation::derive,
        new SaltProbe(ports, 2000, 3000), say);
  }

  KeyResolution(Path stateDir, FleetPassword password, DerivationCost cost, Deriver deriver,
      SaltProbe probe, Consumer<String> say) {
    this.stateDir = stateDir;
    this.password = password;
    this.cost = cost;
    this.deriver = deriver;
    this.probe = probe;
    this.say = say;
  }

  /**
   * @param candidates the hosts to join through (addresses)
   * @param newHost whether this host has no fleet of its own yet (its first start, or a launch
   *     that started its address record afresh)
   * @param alone whether this host has never had another member in its cluster: a fleet of one,
   *     which joins a fleet of its password among its candidates ({@code weft connect})
   */
  public Resolved resolve(List<String> candidates, boolean newHost, boolean alone) {
    Optional<FleetSalt> kept = keptSalt(stateDir).or(() -> KeyCache.keptSalt(password, stateDir)
        .filter(s -> s.scheme() == FleetSalt.Scheme.PBKDF2_V1));
    // A host that has no fleet yet joins its candidates' fleet, whatever salt it kept from an
    // earlier launch, and so does a fleet of one; one whose fleet was founded alone looks whether
    // the fleet it was sent to join answers now.
    boolean joinAny = newHost || alone || kept.isEmpty();
    boolean asking = !candidates.isEmpty() && (joinAny || kept.get().alone());
    if (asking) {
      List<SaltProbe.Answer> shown = kept.isPresent() && !newHost
          ? shownByFleets(probe.ask(candidates)) : askUntilShown(candidates);
      Predicate<FleetSalt> wanted = joinAny ? s -> true : kept.get()::yieldsTo;
      Optional<Resolved> learned = learn(shown, wanted);
      if (learned.isPresent()) {
        keepSalt(stateDir, learned.get().salt());
        return learned.get();
      }
      if (newHost && !shown.isEmpty()) {
        throw refused(shown);
      }
    }
    if (kept.isPresent()) {
      warnIfFirstScheme(kept.get());
      return new Resolved(kept.get(), keys(kept.get()));
    }
    if (!newHost) {
      FleetSalt first = FleetSalt.firstScheme();
      warnIfFirstScheme(first);
      return new Resolved(first, keys(first));
    }
    FleetSalt salt = FleetSalt.generate(!candidates.isEmpty());
    say.accept(candidates.isEmpty() ? "founding a new fleet, salt " + salt
        : "none of " + String.join(" ", candidates) + " answered: founding a fleet alone, salt "
            + salt + "; it joins theirs once one answers");
    keepSalt(stateDir, salt);
    return new Resolved(salt, keys(salt));
  }

  /**
   * For a host whose fleet may move ({@link FleetSalt#mayYield}): asks {@code candidates} once,
   * and keeps the salt of the first of their fleets it should move into ({@link
   * FleetSalt#yieldsTo}) whose certificate its password's CA signs; the host must restart to take
   * it up.
   */
  public Optional<FleetSalt> adoptFrom(List<String> candidates, FleetSalt own) {
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    Optional<Resolved> taken = learn(shownByFleets(probe.ask(candidates)), own::yieldsTo);
    taken.ifPresent(t -> keepSalt(stateDir, t.salt()));
    return taken.map(Resolved::salt);
  }

  /** The candidates that showed a weft fleet's certificate, after a few rounds of asking. */
  private List<SaltProbe.Answer> askUntilShown(List<String> candidates) {
    for (int round = 1; ; round++) {
      List<SaltProbe.Answer> shown = shownByFleets(probe.ask(candidates));
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

  /** The answers that show a weft fleet CA's certificate. */
  static List<SaltProbe.Answer> shownByFleets(List<SaltProbe.Answer> answers) {
    return answers.stream()
        .filter(a -> a.shown() && FleetSalt.ofIssuer(a.certificate().getIssuerX500Principal()).isPresent())
        .toList();
  }

  /**
   * The first salt named by the candidates (one not founded alone before any that was, then in
   * the candidates' order; those {@code wanted} alone, a few at most: each costs a derivation)
   * whose certificate the CA derived with it signed; its keys are kept ({@link KeyCache}), its
   * salt is not (the caller's to keep).
   */
  Optional<Resolved> learn(List<SaltProbe.Answer> shown, Predicate<FleetSalt> wanted) {
    Map<FleetSalt, List<SaltProbe.Answer>> bySalt = new LinkedHashMap<>();
    for (SaltProbe.Answer a : shown) {
      bySalt.computeIfAbsent(FleetSalt.ofIssuer(a.certificate().getIssuerX500Principal()).orElseThrow(),
          s -> new ArrayList<>()).add(a);
    }
    List<FleetSalt> salts = bySalt.keySet().stream().filter(wanted).filter(s -> !notOurs.contains(s))
        .sorted(Comparator.comparing(FleetSalt::alone)).limit(MAX_SALTS_TRIED).toList();
    for (FleetSalt salt : salts) {
      KeyDerivation keys = KeyCache.kept(password, salt, cost, stateDir).orElseGet(() -> derive(salt));
      FleetCertificates fleet = FleetCertificates.derive(keys, salt);
      Optional<SaltProbe.Answer> member = bySalt.get(salt).stream().filter(a -> fleet.signed(a.certificate())).findFirst();
      if (member.isPresent()) {
        say.accept("learned the fleet's salt from " + member.get().candidate() + ": " + salt);
        warnIfFirstScheme(salt);
        KeyCache.keep(keys, password, salt, cost, stateDir);
        return Optional.of(new Resolved(salt, keys));
      }
      notOurs.add(salt);
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
    KeyDerivation made = derive(salt);
    KeyCache.keep(made, password, salt, cost, stateDir);
    return made;
  }

  /** Derives the keys of {@code salt} now (in a child JVM), and says what that cost. */
  private KeyDerivation derive(FleetSalt salt) {
    IsolatedDerivation.Outcome made = deriver.derive(password, salt, cost);
    say.accept("fleet keys derived in " + made.millis() + " ms (" + cost.describe(salt.scheme())
        + (made.peakKiB() > 0 ? "; in a JVM of its own that peaked at " + made.peakKiB() / 1024 + " MB resident" : "")
        + ")");
    return made.keys();
  }

  private void warnIfFirstScheme(FleetSalt salt) {
    if (salt.scheme() == FleetSalt.Scheme.PBKDF2_V1) {
      say.accept("warning: this fleet's keys come from the first scheme (PBKDF2, one salt shared by "
          + "every such fleet); move it to a salt of its own: docs/security.md, \"Moving a fleet to "
          + "its own salt\"");
    }
  }

  private static WeftException refused(List<SaltProbe.Answer> shown) {
    return new WeftException(ErrorCode.FLEET_REFUSED, "the fleet at " + String.join(" ",
        shown.stream().map(SaltProbe.Answer::candidate).toList()) + " refused this host: it was "
        + "launched with another fleet password than that fleet's");
  }

  /** The salt this host keeps; empty before its first start (or before fleets had salts). */
  static Optional<FleetSalt> keptSalt(Path stateDir) {
    Object kept = StateFiles.readJson(stateDir.resolve(SALT_FILE)).getValue("salt");
    try {
      return kept instanceof String text ? Optional.of(FleetSalt.parse(text)) : Optional.empty();
    } catch (WeftException unreadable) {
      return Optional.empty();
    }
  }

  /** Keeps {@code salt} for this host's next starts: not secret, but the fleet's for good. */
  static void keepSalt(Path stateDir, FleetSalt salt) {
    StateFiles.write(stateDir.resolve(SALT_FILE),
        new JsonObject().put("salt", salt.toString()).encodePrettily() + "\n");
  }
}
