package io.weft.agent.host;

import io.weft.common.net.Cidr;
import java.util.List;

/** What an attach did: the addresses it added, and the MAC of the interface that holds them. */
public record Attachment(String mac, List<Cidr> added) {}
