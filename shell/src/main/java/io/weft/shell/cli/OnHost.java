package io.weft.shell.cli;

import com.github.dockerjava.api.DockerClient;
import io.weft.docker.DockerClients;
import io.weft.docker.LocalCommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Runs one command on the host DOCKER_HOST names, through its Docker API alone. */
final class OnHost {

  private OnHost() {}

  /** Passes the one-shot container's output and exit status through as this command's own. */
  static int run(List<String> words, boolean json) {
    List<String> local = new ArrayList<>();
    if (json) {
      local.add("--json");
    }
    local.addAll(words);
    try (DockerClient docker = DockerClients.fromEnvironment()) {
      LocalCommandRunner.Result result = new LocalCommandRunner(docker).run(local);
      System.out.print(result.stdout());
      System.err.print(result.stderr());
      return result.exitCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
