package io.weft.agent.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.agent.alloc.KernelAddressBook;
import io.weft.agent.dns.FleetNames;
import io.weft.agent.dns.NameIndex;
import io.weft.agent.dns.NameRecords;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.alloc.AddressRange;
import io.weft.common.command.Attach;
import io.weft.common.command.Command;
import io.weft.common.command.DnsAdd;
import io.weft.common.command.DnsArgs;
import io.weft.common.command.DnsLookup;
import io.weft.common.command.DnsRemove;
import io.weft.common.command.Verbs;
import io.weft.common.net.Ipv4;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The DNS verbs on one host, its records on a plain map; and what they say where no agent runs. */
class DnsVerbsTest {

  private final Map<String, String> map = new ConcurrentHashMap<>();
  private final NameIndex index = new NameIndex(h -> true);
  private final FleetNames names = new FleetNames(new NameRecords("host1", map, null), index, "weft.local");
  private final FakeHostKernel kernel = new FakeHostKernel();
  private final FakeContainers containers = new FakeContainers();
  private final HostCommands commands = new HostCommands(new HostContext(kernel, containers,
      new KernelAddressBook(kernel), AddressRange.DEFAULT, "host1", List::of, names));

  @Test
  void addLookUpAndRemoveARecord() {
    DnsAdd.Reply added = (DnsAdd.Reply) run("dns-add", "10.32.5.5", "10.32.5.6", "-h", "DB");
    assertEquals("db.weft.local", added.name());
    assertEquals(List.of(ip("10.32.5.5"), ip("10.32.5.6")), added.added());
    index.sync(map);
    assertEquals(List.of("10.32.5.5", "10.32.5.6"), ((DnsLookup.Reply) run("dns-lookup", "db")).answers());
    assertEquals(List.of("db.weft.local"), ((DnsLookup.Reply) run("dns-lookup", "10.32.5.6")).answers());
    assertEquals(List.of(ip("10.32.5.5")),
        ((DnsRemove.Reply) run("dns-remove", "10.32.5.5", "-h", "db.weft.local")).removed());
    assertEquals(ErrorCode.NO_SUCH_NAME, refused("dns-remove", "10.32.5.5", "-h", "db").code());
  }

  @Test
  void anAddressOutsideTheRangeOrANameUnknownIsRefusedAndChangesNothing() {
    WeftException outside = refused("dns-add", "10.99.0.1", "-h", "db");
    assertEquals(ErrorCode.BAD_CIDR, outside.code());
    assertTrue(outside.getMessage().contains("outside weft's range 10.32.0.0/12"), outside.getMessage());
    assertTrue(map.isEmpty());
    assertEquals(ErrorCode.NO_SUCH_NAME, refused("dns-lookup", "nope").code());
  }

  @Test
  void theFirstDnsArgsGivesTheBridgeAnAddressAndTheServerTakesIt() {
    names.onWanted(() -> names.serveAt(kernel.exposedAddresses().get(0).address()));
    DnsArgs.Reply args = (DnsArgs.Reply) run("dns-args");
    assertEquals(kernel.exposedAddresses().get(0).address().toString(), args.server());
    assertEquals("--dns=" + args.server() + " --dns-search=weft.local", args.text());
    assertTrue(names.wanted());
    assertEquals(args, run("dns-args"), "asked again: the same, nothing more exposed");
    assertEquals(1, kernel.exposedAddresses().size());
  }

  @Test
  void attachAndDetachTellWhoChanged() {
    List<String> told = new ArrayList<>();
    commands.onContainerChange(told::add);
    containers.running("web", 101);
    commands.execute(new Attach(List.of(), "web"));
    assertEquals(List.of(FakeContainers.idOf("web")), told);
  }

  @Test
  void withoutAnAgentTheDnsVerbsSaySo() {
    HostCommands lone = new HostCommands(new HostContext(kernel, containers,
        new KernelAddressBook(kernel), AddressRange.DEFAULT, "host1", List::of));
    WeftException e = assertThrows(WeftException.class, () -> lone.execute(Verbs.fromWords(List.of("dns-args"))));
    assertEquals(ErrorCode.AGENT_NOT_RUNNING, e.code());
  }

  private Object run(String... words) {
    Command<?> command = Verbs.fromWords(List.of(words));
    return commands.execute(command);
  }

  private WeftException refused(String... words) {
    return assertThrows(WeftException.class, () -> run(words));
  }

  private static Ipv4 ip(String text) {
    return Ipv4.parse(text);
  }
}
