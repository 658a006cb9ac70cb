package io.weft.agent.dns.wire;

/**
 * One record of an answer, owned by the question's name: an address (A) or a name (PTR).
 *
 * @param data four bytes of address for A; the target name's text for PTR
 */
public record Answer(int type, int ttl, Object data) {

  public static Answer a(byte[] address, int ttl) {
    return new Answer(Dns.TYPE_A, ttl, address.clone());
  }

  public static Answer ptr(String name, int ttl) {
    return new Answer(Dns.TYPE_PTR, ttl, name);
  }
}
