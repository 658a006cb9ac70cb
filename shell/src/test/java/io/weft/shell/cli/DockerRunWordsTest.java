package io.weft.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.MountType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docker run's words read as the docker CLI reads them, and handed on unchanged in meaning. */
class DockerRunWordsTest {

  @Test
  void optionsValuesAndTheImageWhereverPflagFindsThem() {
    DockerRunWords run = DockerRunWords.read(List.of("-dit", "--name", "web", "-p8080:80", "-e=A=1",
        "--restart=always", "--net", "blue", "--memory", "64m", "--cap-add", "NET_ADMIN", "debian", "sh", "-c", "x"));
    assertTrue(run.has("detach") && run.has("interactive") && run.has("tty"));
    assertEquals("web", run.value("name"));
    assertEquals(List.of("8080:80"), run.values("publish"));
    assertEquals(List.of("A=1"), run.values("env"));
    assertEquals("always", run.value("restart"));
    assertEquals("blue", run.value("network"), "--net is --network");
    assertEquals("debian", run.image);
    assertEquals(List.of("sh", "-c", "x"), run.command, "words after the image are the command's");
  }

  @Test
  void theWordsComeBackForTheDockerCliWithoutThoseWeftSets() {
    DockerRunWords run = DockerRunWords.read(List.of("-d", "--network=weft", "--sig-proxy=false",
        "--mount", "type=bind,source=/a,target=/b", "-it", "img", "echo", "--rm"));
    assertEquals(List.of("--sig-proxy=false", "--mount=type=bind,source=/a,target=/b", "--interactive", "--tty",
        "img", "echo", "--rm"), run.wordsWithout(Set.of("network", "detach")));
    assertFalse(run.has("sig-proxy"), "--sig-proxy=false is not given true");
  }

  @Test
  void aMissingValueOrImageIsAUsageError() {
    assertEquals("run: --name needs a value",
        assertThrows(IllegalArgumentException.class, () -> DockerRunWords.read(List.of("--name"))).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DockerRunWords.read(List.of("-d", "--rm")))
        .getMessage().startsWith("run: no IMAGE given"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> DockerRunWords.read(List.of("-dZ", "img")))
        .getMessage().contains("'-Z'"));
  }

  @Test
  void withoutTheCliTheApiTakesWhatPeopleUseAndNamesDockerRunForTheRest() {
    DockerRunApi.requireTaken(DockerRunWords.read(List.of("-p", "80:80", "--restart", "always", "-m", "1g",
        "--cap-add", "NET_ADMIN", "--mount", "type=tmpfs,target=/t", "--network-alias", "db", "img")));
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> DockerRunApi.requireTaken(
        DockerRunWords.read(List.of("--ulimit", "nofile=10", "--gpus", "all", "img"))));
    assertEquals("run: without the docker command line, weft run does not take --ulimit, --gpus: put docker's CLI "
        + "on the PATH, or use docker run --net=weft (it takes every option)", refused.getMessage());
    assertEquals(64L << 20, DockerRunApi.bytes("64m"));
    assertEquals(1L << 30, DockerRunApi.bytes("1G"));
    var mount = DockerRunApi.mount("type=bind,source=/a,target=/b,readonly");
    assertEquals(MountType.BIND, mount.getType());
    assertEquals("/b", mount.getTarget());
    assertTrue(mount.getReadOnly());
  }
}
