package io.weft.shell.cli;

import com.github.dockerjava.api.DockerClient;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.agent.FleetPassword;
import io.weft.docker.agent.AgentContainer;
import io.weft.docker.agent.AgentPassword;
import io.weft.docker.engine.DockerClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A fleet password in a file only its owner reads, for {@code weft launch --password-file}: how
 * a program that runs the command line in its own JVM (the demo, the tests, the benchmarks)
 * hands a fleet's password from its first host to the others.
 */
public final class PasswordFiles {

  private PasswordFiles() {}

  /** The fleet password of the agent on the engine at {@code dockerHost}, in a new such file. */
  public static Path ofAgentOn(String dockerHost) {
    try (DockerClient docker = DockerClients.forHost(dockerHost)) {
      String agent = AgentContainer.find(docker).orElseThrow(() -> new WeftException(
          ErrorCode.AGENT_NOT_RUNNING, "weft is not launched on " + dockerHost)).id();
      return temporary(new AgentPassword(docker).read(agent).orElseThrow(() -> new WeftException(
          ErrorCode.AGENT_FAILED, "the agent on " + dockerHost + " keeps no fleet password")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new file of mode 0600 holding {@code password}, removed when the JVM exits. */
  public static Path temporary(FleetPassword password) {
    try {
      Path file = Files.createTempFile("weft-password", "",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      file.toFile().deleteOnExit();
      Files.writeString(file, password.reveal());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a password file", e);
    }
  }
}
