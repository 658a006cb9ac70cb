package io.weft.shell.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.weft.common.bus.HostReply;
import io.weft.common.command.DnsArgs;
import io.weft.common.words.RepliesOutput;
import java.util.List;

/**
 * {@code weft dns-args --daemon-json}: weft's DNS as the engine-wide default of Docker's {@code
 * /etc/docker/daemon.json}, so that every container the engine starts, those on weft's networks
 * and those of Compose among them, finds the fleet's names with no flag of its own. Docker reads
 * the file when the engine starts.
 */
final class DaemonJson {

  private DaemonJson() {}

  static int print(List<HostReply> replies, boolean many) {
    for (HostReply reply : replies) {
      if (reply.ok()) {
        DnsArgs.Reply dns = reply.result(new DnsArgs());
        JsonObject settings = new JsonObject().put("dns", new JsonArray().add(dns.server()))
            .put("dns-search", new JsonArray().add(dns.domain()));
        System.out.println(many ? reply.host() + "  " + settings.encode() : settings.encodePrettily());
      }
    }
    List<HostReply> failed = replies.stream().filter(r -> !r.ok()).toList();
    return failed.isEmpty() ? 0 : RepliesOutput.print(DnsArgs.VERB.name(), failed, many, false);
  }
}
