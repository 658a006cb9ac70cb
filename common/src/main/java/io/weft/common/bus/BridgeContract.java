package io.weft.common.bus;

/**
 * The bridge every agent serves to programs that are not on the cluster's bus (docs/event-bus.md):
 * the framing of Vert.x's TCP event-bus bridge (a 4-byte big-endian length, then a JSON object) over
 * mutual TLS 1.3, on {@link #PORT} of the host's underlay address, for clients with a credential
 * of {@code weft credentials}. Also what {@code weft credentials} writes, and where the agent's
 * loopback API signs it.
 */
public final class BridgeContract {

  public static final int PORT = 6786;
  /**
   * A frame a client sends is at most this long; a longer one closes its connection. A command
   * is a few hundred bytes, one naming 32 addresses under a kilobyte.
   */
  public static final int MAX_FRAME_BYTES = 4 * 1024;
  /**
   * Clients one agent serves at once, shared fairly between credentials: when all are taken, a
   * credential holding fewer than the largest holder takes that holder's oldest connection's
   * place. 500 subscribed clients took the agent from 167 to 228 MB resident; 1000 exhausted its
   * heap (bench/run bridge).
   */
  public static final int MAX_CLIENTS = 500;
  /** Requests one connection may have waiting for their replies; at the cap it is not read. */
  public static final int MAX_IN_FLIGHT = 8;
  /** A request's reply is waited for this long; then the client gets a TIMEOUT failure. */
  public static final long REQUEST_TIMEOUT_MILLIS = 15_000;
  /** Bytes queued for one client before events for it are dropped (and it is told how many). */
  public static final int WRITE_QUEUE_BYTES = 256 * 1024;

  /** In the credentials folder: the client's private key (PKCS#8 PEM, mode 0600). */
  public static final String KEY_FILE = "key.pem";
  /** Its certificate, signed by the bridge clients' authority. */
  public static final String CERT_FILE = "cert.pem";
  /** The fleet CA: the agents' certificates are signed by it. */
  public static final String CA_FILE = "ca.pem";

  /** A credential's life unless it asks for another, in days. */
  public static final int DEFAULT_DAYS = 7;
  /** The longest life a credential may ask for, in days. */
  public static final int MAX_DAYS = 90;

  /**
   * The agent's API signs a credential: {@code POST} {@code {"name": N, "readOnly": B (true
   * unless given), "publicKey": BASE64 SubjectPublicKeyInfo, "days": D}} → {@code {"certificate":
   * PEM, "ca": PEM, "serial": HEX, "notAfter": INSTANT}}. The private key never leaves the
   * program that made it. {@code GET} lists what the fleet issued and revoked: {@code
   * {"credentials": [...], "revocations": [...]}}.
   */
  public static final String CREDENTIALS_PATH = "/v1/credentials";
  /**
   * The agent's API revokes credentials for the whole fleet: {@code POST {"name": N}} (every
   * credential of that name made until now) or {@code {"serial": HEX}} (that one) → {@code
   * {"revoked": {...}, "credentials": [those it matched]}}.
   */
  public static final String REVOKE_PATH = "/v1/credentials/revoke";
  /** The agent's loopback API streams the fleet's events, one JSON object a line. */
  public static final String EVENTS_PATH = "/v1/events";

  private BridgeContract() {}
}
