package io.weft.docker.agent;

import com.github.dockerjava.api.DockerClient;
import io.vertx.core.json.JsonObject;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.bus.BridgeContract;
import java.util.Base64;

/**
 * Asks the agent of one host to sign a bridge client's public key ({@link
 * BridgeContract#CREDENTIALS_PATH}), through the Docker API's exec: the signing key never leaves
 * the agent, the client's private key never reaches it.
 */
public final class AgentCredentials {

  private final DockerClient docker;

  public AgentCredentials(DockerClient docker) {
    this.docker = docker;
  }

  /** {@code {"certificate": PEM, "ca": PEM}} for {@code publicKey} (X.509 SubjectPublicKeyInfo). */
  public JsonObject sign(String name, boolean readOnly, int days, byte[] publicKey) {
    JsonObject request = new JsonObject().put("name", name).put("readOnly", readOnly).put("days", days)
        .put("publicKey", Base64.getEncoder().encodeToString(publicKey));
    JsonObject answer = WeftCall.answer(new AgentExec(docker)
        .run(WeftCall.post(request.encode(), BridgeContract.CREDENTIALS_PATH)));
    JsonObject error = answer.getJsonObject("error");
    if (error != null) {
      ErrorCode code;
      try {
        code = ErrorCode.valueOf(error.getString("code", "INTERNAL"));
      } catch (IllegalArgumentException unknown) {
        code = ErrorCode.INTERNAL;
      }
      throw new WeftException(code, error.getString("message", "the agent refused"));
    }
    if (answer.getString("certificate") == null || answer.getString("ca") == null) {
      throw new WeftException(ErrorCode.AGENT_FAILED, "the agent signs no credentials (an older weft?)");
    }
    return answer;
  }
}
