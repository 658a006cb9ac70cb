package io.weft.common.command;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@code rmpeer NAME}: a host that will not come back gives its address blocks to the host that
 * carries this out, and the fleet forgets what it held. Refused while that host is a member.
 */
public record RemovePeer(String peer) implements Command<RemovePeer.Reply> {

  public static final Verb<Reply> VERB = new Verb<>("rmpeer", "NAME",
      "Take over the address blocks of NAME, a host that will not come back (a name as weft "
          + "peers showed it), and forget the addresses it held. Refused while NAME is a member "
          + "of the fleet. Never for a host that is only cut off: it would come back to blocks "
          + "that are no longer its own.",
      RemovePeer::fromWords, RemovePeer::fromJson, Reply::fromJson, List.of("peer"));

  public RemovePeer {
    if (peer == null || !peer.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}")) {
      throw CommandWords.bad("rmpeer needs the name of a host: rmpeer NAME");
    }
  }

  static RemovePeer fromWords(List<String> args) {
    if (args.size() != 1) {
      throw CommandWords.bad("rmpeer takes one host's name: rmpeer NAME");
    }
    return new RemovePeer(args.get(0));
  }

  static RemovePeer fromJson(JsonObject json) {
    return new RemovePeer(json.getString("peer"));
  }

  @Override
  public Verb<Reply> verb() {
    return VERB;
  }

  @Override
  public List<String> args() {
    return List.of(peer);
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("peer", peer);
  }

  /** The host removed, how many blocks this host took from it, and how many of its addresses went. */
  public record Reply(String peer, int blocks, int released) implements Result {

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("peer", peer).put("blocks", blocks).put("released", released);
    }

    static Reply fromJson(JsonObject json) {
      return new Reply(json.getString("peer"), json.getInteger("blocks", 0), json.getInteger("released", 0));
    }

    @Override
    public String text() {
      return "removed " + peer + ": its " + blocks + " address blocks are this host's now; "
          + released + " of its addresses were forgotten";
    }
  }
}
