package io.weft.agent.hazelcast;

import io.weft.agent.ports.HandshakeGate;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * How a {@link TlsMember}'s connections are held.
 *
 * @param context the key and the trust every member connection uses (mutual TLS 1.3)
 * @param handshakeBound a peer that has not finished its handshake within this long is dropped
 * @param userTimeout a peer whose kernel has not acknowledged what this member sent for this
 *     long is lost: its connection is aborted and the member suspected at once (zero: never;
 *     heartbeats alone then tell)
 * @param handshakes the bound on handshakes under way that the member's accepted connections
 *     share with the agent's other TLS servers; null: none
 */
public record TlsSettings(SSLContext context, Duration handshakeBound, Duration userTimeout,
    HandshakeGate handshakes) {}
