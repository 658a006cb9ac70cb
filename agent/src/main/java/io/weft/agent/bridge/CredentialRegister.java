package io.weft.agent.bridge;

import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.agent.state.StateFiles;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * The fleet's record of bridge credentials: those issued ({@code weft credentials --list}) and
 * those revoked, which every agent refuses ({@link Revocations}). Kept in two maps the fleet
 * shares, {@value #ISSUED_MAP} and {@value #REVOKED_MAP}, and in each host's state volume
 * ({@code credentials.json}), so that
 *
 * <ul>
 *   <li>a revocation reaches every agent at once (each listens to the map) and closes the
 *       revoked client's open connections there;
 *   <li>a host that joins later reads the whole map before its bridge serves anyone;
 *   <li>a host that restarts, even alone or with the whole fleet, still refuses what it knew to be
 *       revoked, and enters it in the maps again (so do its fellows now and then, and after a
 *       split heals: each side's revocations become the whole fleet's).
 * </ul>
 */
public final class CredentialRegister {

  public static final String ISSUED_MAP = "weft.credentials";
  public static final String REVOKED_MAP = "weft.revocations";
  /** Credentials kept on the list; past it the oldest expired ones go, then no more are signed. */
  static final int MAX_ISSUED = 10_000;
  private static final Logger LOG = Logger.getLogger(CredentialRegister.class.getName());

  private final SharedMap issuedMap;
  private final SharedMap revokedMap;
  private final Path file;
  private final Revocations revocations;
  /** Between tries at the fleet's maps when they do not answer (a join still settling). */
  static final long RETRY_MILLIS = 5_000;

  private final Map<String, IssuedCredential> issued = new ConcurrentHashMap<>();
  private final Executor thread;
  private volatile boolean started;
  private long retryMillis = RETRY_MILLIS;

  /**
   * @param file this host's copy in its state volume
   * @param thread where the register's work that may wait on the fleet's maps runs
   */
  CredentialRegister(SharedMap issuedMap, SharedMap revokedMap, Path file, Revocations revocations,
      Executor thread) {
    this.issuedMap = issuedMap;
    this.revokedMap = revokedMap;
    this.file = file;
    this.revocations = revocations;
    this.thread = thread;
  }

  /** The register on the fleet's maps, its waiting done on {@code thread}. */
  public static CredentialRegister of(HazelcastInstance hazelcast, Path file, Revocations revocations,
      Executor thread) {
    return new CredentialRegister(SharedMap.of(hazelcast.getMap(ISSUED_MAP)),
        SharedMap.of(hazelcast.getMap(REVOKED_MAP)), file, revocations, thread);
  }

  /**
   * Starts on the register's thread, trying again every {@value #RETRY_MILLIS} ms while the maps
   * do not answer, and runs {@code ready} once started: the agent does not wait for the maps,
   * the bridge does (its clients try another host meanwhile).
   */
  public void startThen(Runnable ready) {
    thread.execute(() -> {
      while (!started) {
        try {
          start();
        } catch (RuntimeException e) {
          LOG.warning("the fleet's credential register does not answer yet (" + e.getMessage()
              + "): the bridge waits for it");
          try {
            Thread.sleep(retryMillis); // this thread's own: nothing else waits behind it
          } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
      ready.run();
    });
  }

  /** How long to wait between tries at the maps: tests wait less. */
  CredentialRegister retryEvery(long millis) {
    this.retryMillis = millis;
    return this;
  }

  /** {@link #republish} on the register's thread, once it has started. */
  public void republishLater() {
    if (started) {
      thread.execute(() -> {
        try {
          republish();
        } catch (RuntimeException e) {
          LOG.warning("could not enter this host's credential register again: " + e.getMessage());
        }
      });
    }
  }

  public Revocations revocations() {
    return revocations;
  }

  /**
   * Reads this host's copy and the fleet's maps into one, enters what the maps lack, and follows
   * them from now on; blocks (the maps' owners are asked). Before the bridge serves anyone.
   */
  public void start() {
    JsonObject kept = StateFiles.readJson(file);
    for (Object entry : kept.getJsonArray("revoked", new JsonArray())) {
      readRevocation(entry).ifPresent(revocations::add);
    }
    for (Object entry : kept.getJsonArray("issued", new JsonArray())) {
      readIssued(entry).ifPresent(c -> issued.put(c.serial(), c));
    }
    revokedMap.onChange((key, value) -> readRevocation(value).ifPresent(this::heard));
    issuedMap.onChange((key, value) -> readIssued(value).ifPresent(this::heard));
    republish();
    keep();
    started = true;
  }

  /**
   * Takes in what the maps hold, and enters in them what this host knows and they lack (or hold
   * older): after a restart, a merge (whose entries no listener is told of), or now and then.
   * Blocks.
   */
  public void republish() {
    Map<String, Revocation> there = new HashMap<>();
    for (String value : revokedMap.values()) {
      readRevocation(value).ifPresent(r -> {
        there.put(r.key(), r);
        heard(r);
      });
    }
    Set<String> listed = new HashSet<>();
    for (String value : issuedMap.values()) {
      readIssued(value).ifPresent(c -> {
        listed.add(c.serial());
        heard(c);
      });
    }
    for (Revocation revocation : revocations.all()) {
      Revocation theirs = there.get(revocation.key());
      if (theirs == null || revocation.at().isAfter(theirs.at())) {
        revokedMap.put(revocation.key(), revocation.toJson().encode());
      }
    }
    for (IssuedCredential credential : issued.values()) {
      if (!listed.contains(credential.serial())) {
        issuedMap.put(credential.serial(), credential.toJson().encode());
      }
    }
  }

  /** Records a credential just signed, everywhere. Refused when the list is full of live ones. */
  public void issued(IssuedCredential credential) {
    requireRoom();
    issued.put(credential.serial(), credential);
    issuedMap.put(credential.serial(), credential.toJson().encode());
    keep();
  }

  /** Refuses when no more credentials may be signed now: the list is full of live ones. */
  public void requireRoom() {
    if (issued.size() >= MAX_ISSUED) {
      prune(Instant.now());
    }
    if (issued.size() >= MAX_ISSUED) {
      throw new WeftException(ErrorCode.BAD_REQUEST, "the fleet holds " + MAX_ISSUED
          + " live credentials already: revoke some, or wait for them to expire");
    }
  }

  /** Revokes for the whole fleet, at once; the credentials issued that it refuses now. */
  public List<IssuedCredential> revoke(Revocation revocation) {
    revocations.add(revocation);
    revokedMap.put(revocation.key(), revocation.toJson().encode());
    keep();
    return issued().stream()
        .filter(c -> revocations.refusal(c.name(), c.serial(), c.notBefore()) != null)
        .filter(c -> revocation.bySerial() ? c.serial().equals(revocation.value()) : c.name().equals(revocation.value()))
        .toList();
  }

  /** Every credential issued, the oldest first. */
  public List<IssuedCredential> issued() {
    List<IssuedCredential> all = new ArrayList<>(issued.values());
    all.sort(Comparator.comparing(IssuedCredential::issuedAt).thenComparing(IssuedCredential::serial));
    return all;
  }

  private void heard(Revocation revocation) {
    if (revocations.add(revocation)) {
      LOG.info("refusing bridge credentials from now on: " + revocation.toJson().encode());
      keep();
    }
  }

  private void heard(IssuedCredential credential) {
    if (issued.putIfAbsent(credential.serial(), credential) == null) {
      keep();
    }
  }

  /** Drops from the list what expired more than a day ago (a revocation of it stays). */
  private void prune(Instant now) {
    issued.values().removeIf(c -> c.notAfter().plusSeconds(86_400).isBefore(now));
  }

  private synchronized void keep() {
    JsonArray revoked = new JsonArray();
    revocations.all().forEach(r -> revoked.add(r.toJson()));
    JsonArray list = new JsonArray();
    issued().forEach(c -> list.add(c.toJson()));
    try {
      StateFiles.write(file, new JsonObject().put("revoked", revoked).put("issued", list).encodePrettily());
    } catch (RuntimeException e) {
      LOG.warning("could not keep the credentials in " + file + ": " + e.getMessage());
    }
  }

  private static Optional<Revocation> readRevocation(Object value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Revocation.fromJson(value instanceof JsonObject json ? json
          : new JsonObject(String.valueOf(value))));
    } catch (RuntimeException malformed) {
      LOG.warning("skipping a malformed revocation: " + malformed.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<IssuedCredential> readIssued(Object value) {
    try {
      return Optional.of(IssuedCredential.fromJson(value instanceof JsonObject json ? json
          : new JsonObject(String.valueOf(value))));
    } catch (RuntimeException malformed) {
      LOG.warning("skipping a malformed credential record: " + malformed.getMessage());
      return Optional.empty();
    }
  }
}
