package io.weft.docker.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * An engine's managed plugins ({@code docker plugin create, enable, disable, rm, inspect}),
 * which docker-java does not speak: plain requests through the same client, so the same {@code
 * DOCKER_HOST} and TLS. Each failure is one coded line with the engine's own message.
 */
public final class EnginePlugins {

  private final DockerHttpClient http;

  public EnginePlugins(DockerClient docker) {
    this.http = ((DockerClientImpl) docker).getHttpClient();
  }

  /** The plugin as {@code docker plugin inspect} shows it; empty when the engine has none by that name. */
  public Optional<JsonObject> inspect(String name) {
    Answer answer = send("GET", "/plugins/" + encode(name) + "/json", null, "inspecting the plugin " + name, 200, 404);
    if (answer.status() == 404) {
      return Optional.empty();
    }
    try {
      return Optional.of(new JsonObject(answer.body()));
    } catch (DecodeException e) {
      throw new WeftException(ErrorCode.DOCKER_FAILED, "Docker engine: the plugin " + name + " reads as no JSON");
    }
  }

  /** Makes plugin {@code name} from a tar of {@code config.json} and {@code rootfs/}, disabled. */
  public void create(String name, InputStream tar) {
    send("POST", "/plugins/create?name=" + encode(name), tar, "making the plugin " + name, 204, 200);
  }

  /** Starts the plugin; returns once the engine has seen it listen. */
  public void enable(String name) {
    send("POST", "/plugins/" + encode(name) + "/enable?timeout=0", null, "enabling the plugin " + name, 200, 204);
  }

  /** Stops and removes the plugin, whatever uses it; false when there was none. */
  public boolean remove(String name) {
    Answer answer = send("DELETE", "/plugins/" + encode(name) + "?force=1", null, "removing the plugin " + name,
        200, 204, 404);
    return answer.status() != 404;
  }

  private record Answer(int status, String body) {}

  private Answer send(String method, String path, InputStream body, String what, int... expected) {
    DockerHttpClient.Request.Builder request = DockerHttpClient.Request.builder()
        .method(DockerHttpClient.Request.Method.valueOf(method)).path(path);
    if (body != null) {
      request.body(body).putHeader("Content-Type", "application/x-tar");
    }
    try (DockerHttpClient.Response response = http.execute(request.build())) {
      String text = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
      for (int status : expected) {
        if (response.getStatusCode() == status) {
          return new Answer(status, text);
        }
      }
      throw new WeftException(ErrorCode.DOCKER_FAILED, "Docker engine: " + what + " failed: " + engineMessage(text));
    } catch (IOException | RuntimeException e) {
      if (e instanceof WeftException weft) {
        throw weft;
      }
      throw new WeftException(ErrorCode.DOCKER_FAILED, "Docker engine: " + what + " failed: " + e.getMessage(), e);
    }
  }

  /** The engine's {@code {"message": ...}}, or its text as it came. */
  private static String engineMessage(String text) {
    try {
      return new JsonObject(text).getString("message", text.strip());
    } catch (DecodeException | ClassCastException e) {
      return text.strip();
    }
  }

  /** A plugin's name as the docker CLI puts it in a path: as it is, once checked. */
  private static String encode(String name) {
    if (!name.matches("[a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9._-]+)?")) {
      throw new IllegalArgumentException("'" + name + "' is not a plugin's name");
    }
    return name;
  }
}
