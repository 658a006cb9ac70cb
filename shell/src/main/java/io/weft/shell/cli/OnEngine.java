package io.weft.shell.cli;

import com.github.dockerjava.api.DockerClient;
import io.weft.docker.engine.DockerClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;

/** One piece of work with a client for the engine DOCKER_HOST names, closed afterwards. */
final class OnEngine {

  private OnEngine() {}

  static <T> T with(Function<DockerClient, T> work) {
    try (DockerClient docker = DockerClients.fromEnvironment()) {
      return work.apply(docker);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
