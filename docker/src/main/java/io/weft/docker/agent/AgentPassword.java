package io.weft.docker.agent;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.agent.AgentState;
import io.weft.common.agent.FleetPassword;
import io.weft.docker.engine.DockerFailures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The fleet password in an agent container's state volume ({@link AgentState#PASSWORD_FILE}),
 * moved with the Docker API's archive upload and download: that works on a container that was
 * created and not yet started, puts the file straight into the volume (mode 0600, root's), and
 * leaves no trace in the container's environment, command line or anything {@code docker
 * inspect} shows.
 */
public final class AgentPassword {

  private static final int MODE = 0600;
  /** A password file is a line; anything this long is not one. */
  private static final int MAX_BYTES = 64 * 1024;

  private final DockerClient docker;

  public AgentPassword(DockerClient docker) {
    this.docker = docker;
  }

  /** The password in the agent container's volume; empty when it holds none. */
  public Optional<FleetPassword> read(String container) {
    try (InputStream archive = docker.copyArchiveFromContainerCmd(container,
            AgentState.path(AgentState.PASSWORD_FILE)).exec();
        TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
      TarArchiveEntry entry = tar.getNextTarEntry();
      if (entry == null || !entry.isFile() || entry.getSize() > MAX_BYTES) {
        throw new WeftException(ErrorCode.AGENT_FAILED, "the agent's " + AgentState.PASSWORD_FILE
            + " is not a password file");
      }
      return Optional.of(FleetPassword.fromFile(new String(tar.readNBytes(MAX_BYTES), StandardCharsets.UTF_8)));
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new WeftException(ErrorCode.DOCKER_FAILED,
          "Docker engine: reading the fleet password failed: " + e.getMessage(), e);
    } catch (WeftException e) {
      throw e;
    } catch (RuntimeException e) {
      throw DockerFailures.of("reading the fleet password", e);
    }
  }

  /** Puts {@code password} into the agent container's volume, created or running alike. */
  public void write(String container, FleetPassword password) {
    try {
      docker.copyArchiveToContainerCmd(container).withRemotePath(AgentState.DIR)
          .withTarInputStream(new ByteArrayInputStream(tarOf(password))).exec();
    } catch (RuntimeException e) {
      throw DockerFailures.of("writing the fleet password", e);
    }
  }

  /** One entry, the password file, owned by root, readable by root alone. */
  static byte[] tarOf(FleetPassword password) {
    byte[] bytes = password.bytes();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      TarArchiveEntry entry = new TarArchiveEntry(AgentState.PASSWORD_FILE);
      entry.setMode(MODE);
      entry.setIds(0, 0);
      entry.setSize(bytes.length);
      tar.putArchiveEntry(entry);
      tar.write(bytes);
      tar.closeArchiveEntry();
      tar.finish();
    } catch (IOException e) {
      throw new IllegalStateException("a tar in memory cannot fail", e);
    }
    return out.toByteArray();
  }
}
