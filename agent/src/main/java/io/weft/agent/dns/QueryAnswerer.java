package io.weft.agent.dns;

import io.weft.agent.dns.wire.Answer;
import io.weft.agent.dns.wire.Dns;
import io.weft.agent.dns.wire.MalformedMessageException;
import io.weft.agent.dns.wire.Query;
import io.weft.agent.dns.wire.Responses;
import io.weft.common.WeftException;
import io.weft.common.net.Cidr;
import io.weft.common.net.Ipv4;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What weft's DNS does with one message, decided from this host's copy of the fleet's names and
 * nothing else, so it never waits: A and PTR in weft's domain (and for weft's range) answered
 * here, with every address of a name in a new order each time; a name there that is not known is
 * NXDOMAIN, a known one asked for another type NOERROR with no answer; anything else goes to the
 * host's resolvers. Malformed messages are answered FORMERR (NOTIMP for other opcodes), or
 * dropped when not even their header reads.
 */
public final class QueryAnswerer {

  /** Short, as Weave's: a container that goes is forgotten by a caching client within a second. */
  static final int TTL_SECONDS = 1;
  static final int TCP_LIMIT = 65535;
  private static final String REVERSE_ZONE = ".in-addr.arpa";

  /** What to do with a message. */
  public sealed interface Outcome {
    /** Send this answer back. */
    record Reply(byte[] message) implements Outcome {}

    /** Not weft's: ask the host's resolvers. */
    record Forward(Query query) implements Outcome {}

    /** Not even a header: say nothing. */
    record Drop(String why) implements Outcome {}
  }

  private final NameIndex index;
  private final String domain;
  private final Cidr range;

  public QueryAnswerer(NameIndex index, String domain, Cidr range) {
    this.index = index;
    this.domain = domain;
    this.range = range;
  }

  /** @param tcp whether the message came over TCP, where answers are never cut */
  public Outcome answer(byte[] message, int length, boolean tcp) {
    Query query;
    try {
      query = Query.parse(message, length);
    } catch (MalformedMessageException e) {
      return e.answerable() ? new Outcome.Reply(Responses.error(e.id(), e.rcode()))
          : new Outcome.Drop(e.getMessage());
    }
    String name = query.name().toLowerCase(Locale.ROOT);
    int limit = tcp ? TCP_LIMIT : query.udpLimit();
    Optional<Ipv4> reverse = reverseInRange(name);
    if (reverse.isPresent()) {
      List<String> names = index.names(reverse.get());
      List<Answer> answers = new ArrayList<>();
      if (query.type() == Dns.TYPE_PTR) {
        names.forEach(n -> answers.add(Answer.ptr(n, TTL_SECONDS)));
      }
      return reply(message, query, names.isEmpty(), answers, limit);
    }
    if (name.equals(domain)) {
      return reply(message, query, false, List.of(), limit);
    }
    if (!name.endsWith("." + domain)) {
      return new Outcome.Forward(query);
    }
    List<Ipv4> addresses = index.addresses(name);
    List<Answer> answers = new ArrayList<>();
    if (query.type() == Dns.TYPE_A) {
      List<Ipv4> shuffled = new ArrayList<>(addresses);
      Collections.shuffle(shuffled, ThreadLocalRandom.current());
      shuffled.forEach(a -> answers.add(Answer.a(a.toBytes(), TTL_SECONDS)));
    }
    return reply(message, query, addresses.isEmpty(), answers, limit);
  }

  private static Outcome reply(byte[] message, Query query, boolean unknown, List<Answer> answers,
      int limit) {
    return new Outcome.Reply(Responses.answer(message, query, unknown ? Dns.NXDOMAIN : Dns.NOERROR,
        true, answers, limit));
  }

  /** The address a reverse name in weft's range asks about. */
  private Optional<Ipv4> reverseInRange(String name) {
    if (!name.endsWith(REVERSE_ZONE)) {
      return Optional.empty();
    }
    String[] labels = name.substring(0, name.length() - REVERSE_ZONE.length()).split("\\.", -1);
    if (labels.length != 4) {
      return Optional.empty();
    }
    try {
      Ipv4 address = Ipv4.parse(labels[3] + "." + labels[2] + "." + labels[1] + "." + labels[0]);
      return range.contains(address) ? Optional.of(address) : Optional.empty();
    } catch (WeftException notAnAddress) {
      return Optional.empty();
    }
  }
}
