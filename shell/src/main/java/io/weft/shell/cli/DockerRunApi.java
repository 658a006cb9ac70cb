package io.weft.shell.cli;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.TmpfsOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * docker run's options that people use, put into a container's definition through the Engine
 * API: what {@code weft run} does where the machine has no {@code docker} command line. Any
 * other option is refused, naming the way that takes them all.
 */
final class DockerRunApi {

  /** The options this mapping takes (the network's are {@link RunVerb}'s). */
  static final Set<String> TAKEN = Set.of("name", "env", "label", "hostname", "volume", "workdir", "user",
      "entrypoint", "rm", "detach", "dns", "dns-search", "publish", "restart", "memory", "cap-add", "cap-drop",
      "mount", "interactive", "tty", "network", "network-alias", "ip", "read-only", "init", "tmpfs");

  private DockerRunApi() {}

  /** Refuses the options this mapping does not take, all in one line. */
  static void requireTaken(DockerRunWords run) {
    List<String> others = run.options.stream().map(DockerRunWords.Option::name).filter(n -> !TAKEN.contains(n))
        .distinct().map(n -> "--" + n).toList();
    if (!others.isEmpty()) {
      throw new IllegalArgumentException("run: without the docker command line, weft run does not take "
          + String.join(", ", others) + ": put docker's CLI on the PATH, or use docker run --net=weft"
          + " (it takes every option)");
    }
  }

  /**
   * Fills {@code create} from the options; the network and its aliases and address are set by
   * the caller, which knows which network is weft's.
   */
  static void applyTo(DockerRunWords run, CreateContainerCmd create) {
    requireTaken(run);
    if (run.value("name") != null) {
      create.withName(run.value("name"));
    }
    if (run.value("hostname") != null) {
      create.withHostName(run.value("hostname"));
    }
    if (run.value("workdir") != null) {
      create.withWorkingDir(run.value("workdir"));
    }
    if (run.value("user") != null) {
      create.withUser(run.value("user"));
    }
    if (run.value("entrypoint") != null) {
      create.withEntrypoint(run.value("entrypoint"));
    }
    if (!run.command.isEmpty()) {
      create.withCmd(run.command);
    }
    create.withEnv(run.values("env"));
    create.withLabels(labels(run.values("label")));
    boolean terminal = run.has("tty");
    create.withTty(terminal).withStdinOpen(run.has("interactive")).withAttachStdin(run.has("interactive"));
    HostConfig host = HostConfig.newHostConfig().withAutoRemove(run.has("rm"))
        .withReadonlyRootfs(run.has("read-only"));
    if (run.has("init")) {
      host.withInit(true);
    }
    if (!run.values("volume").isEmpty()) {
      host.withBinds(run.values("volume").stream().map(Bind::parse).toList());
    }
    if (!run.values("dns").isEmpty()) {
      host.withDns(run.values("dns"));
    }
    if (!run.values("dns-search").isEmpty()) {
      host.withDnsSearch(run.values("dns-search"));
    }
    if (!run.values("publish").isEmpty()) {
      Ports ports = new Ports();
      List<ExposedPort> exposed = new ArrayList<>();
      for (String spec : run.values("publish")) {
        PortBinding binding = PortBinding.parse(spec);
        ports.add(binding);
        exposed.add(binding.getExposedPort());
      }
      host.withPortBindings(ports);
      create.withExposedPorts(exposed);
    }
    if (run.value("restart") != null) {
      host.withRestartPolicy(RestartPolicy.parse(run.value("restart")));
    }
    if (run.value("memory") != null) {
      host.withMemory(bytes(run.value("memory")));
    }
    if (!run.values("cap-add").isEmpty()) {
      host.withCapAdd(run.values("cap-add").stream().map(DockerRunApi::capability).toArray(Capability[]::new));
    }
    if (!run.values("cap-drop").isEmpty()) {
      host.withCapDrop(run.values("cap-drop").stream().map(DockerRunApi::capability).toArray(Capability[]::new));
    }
    if (!run.values("mount").isEmpty()) {
      host.withMounts(run.values("mount").stream().map(DockerRunApi::mount).toList());
    }
    if (!run.values("tmpfs").isEmpty()) {
      Map<String, String> tmpfs = new LinkedHashMap<>();
      for (String spec : run.values("tmpfs")) {
        int colon = spec.indexOf(':');
        tmpfs.put(colon < 0 ? spec : spec.substring(0, colon), colon < 0 ? "" : spec.substring(colon + 1));
      }
      host.withTmpFs(tmpfs);
    }
    create.withHostConfig(host);
  }

  private static Map<String, String> labels(List<String> labels) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String label : labels) {
      int eq = label.indexOf('=');
      map.put(eq < 0 ? label : label.substring(0, eq), eq < 0 ? "" : label.substring(eq + 1));
    }
    return map;
  }

  /** docker's sizes: a number and b, k, m or g, in units of 1024. */
  static long bytes(String size) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)(\\d+)([bkmg]?)b?").matcher(size.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("run: '" + size + "' is not a size (such as 512m or 1g)");
    }
    long number = Long.parseLong(m.group(1));
    int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      default -> 0;
    };
    return number << shift;
  }

  private static Capability capability(String name) {
    String bare = name.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "");
    try {
      return Capability.valueOf(bare);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("run: no capability " + name);
    }
  }

  /** {@code --mount type=bind,source=/a,target=/b,readonly}: the keys people use. */
  static Mount mount(String spec) {
    Mount mount = new Mount().withType(MountType.VOLUME);
    for (String field : spec.split(",")) {
      int eq = field.indexOf('=');
      String key = (eq < 0 ? field : field.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "true" : field.substring(eq + 1).strip();
      switch (key) {
        case "type" -> mount.withType(switch (value) {
          case "bind" -> MountType.BIND;
          case "volume" -> MountType.VOLUME;
          case "tmpfs" -> MountType.TMPFS;
          default -> throw new IllegalArgumentException("run: --mount type " + value + " is not bind, volume or tmpfs");
        });
        case "source", "src" -> mount.withSource(value);
        case "target", "destination", "dst" -> mount.withTarget(value);
        case "readonly", "ro" -> mount.withReadOnly(!value.equals("false") && !value.equals("0"));
        case "tmpfs-size" -> mount.withTmpfsOptions(new TmpfsOptions().withSizeBytes(bytes(value)));
        default -> throw new IllegalArgumentException("run: without the docker command line, --mount takes type, "
            + "source, target, readonly and tmpfs-size, not " + key + " (or use docker run --net=weft)");
      }
    }
    if (mount.getTarget() == null) {
      throw new IllegalArgumentException("run: --mount " + spec + " names no target");
    }
    return mount;
  }
}
