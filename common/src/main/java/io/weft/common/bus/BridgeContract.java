package io.weft.common.bus;

/**
 * The bridge every agent serves to programs that are not on the cluster's bus (docs/event-bus.md):
 * Vert.x's TCP event-bus bridge framing (a 4-byte big-endian length, then a JSON object) over
 * mutual TLS 1.3, on {@link #PORT} of the host's underlay address, for clients with a credential
 * of {@code weft credentials}. Also what {@code weft credentials} writes, and where the agent's
 * loopback API signs it.
 */
public final class BridgeContract {

  public static final int PORT = 6786;
  /** A frame a client sends is at most this long; a longer one closes its connection. */
  public static final int MAX_FRAME_BYTES = 64 * 1024;
  /**
   * Clients one agent serves at once; one more is closed as soon as it connects. 500 subscribed
   * clients took the agent from 167 to 228 MB resident; 1000 exhausted its heap (bench/run bridge).
   */
  public static final int MAX_CLIENTS = 500;
  /** Bytes queued for one client before events for it are dropped (and it is told how many). */
  public static final int WRITE_QUEUE_BYTES = 256 * 1024;

  /** In the credentials folder: the client's private key (PKCS#8 PEM, mode 0600). */
  public static final String KEY_FILE = "key.pem";
  /** Its certificate, signed by the bridge clients' authority. */
  public static final String CERT_FILE = "cert.pem";
  /** The fleet CA: the agents' certificates are signed by it. */
  public static final String CA_FILE = "ca.pem";

  /**
   * The agent's loopback API signs a credential: {@code POST} {@code {"name": N, "readOnly": B,
   * "publicKey": BASE64 SubjectPublicKeyInfo, "days": D}} → {@code {"certificate": PEM, "ca":
   * PEM}}. The private key never leaves the program that made it.
   */
  public static final String CREDENTIALS_PATH = "/v1/credentials";
  /** The agent's loopback API streams the fleet's events, one JSON object a line. */
  public static final String EVENTS_PATH = "/v1/events";

  private BridgeContract() {}
}
