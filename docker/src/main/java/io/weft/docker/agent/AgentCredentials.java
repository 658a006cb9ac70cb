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

  /**
   * {@code {"certificate": PEM, "ca": PEM, "serial": HEX, "notAfter": INSTANT}} for {@code
   * publicKey} (X.509 SubjectPublicKeyInfo); {@code days} 0 for the agent's default.
   */
  public JsonObject sign(String name, boolean readOnly, int days, byte[] publicKey) {
    JsonObject request = new JsonObject().put("name", name).put("readOnly", readOnly)
        .put("publicKey", Base64.getEncoder().encodeToString(publicKey));
    if (days > 0) {
      request.put("days", days);
    }
    JsonObject answer = call(request.encode(), BridgeContract.CREDENTIALS_PATH);
    if (answer.getString("certificate") == null || answer.getString("ca") == null) {
      throw new WeftException(ErrorCode.AGENT_FAILED, "the agent signs no credentials (an older weft?)");
    }
    return answer;
  }

  /** What the fleet issued and revoked: {@code {"credentials": [...], "revocations": [...]}}. */
  public JsonObject list() {
    return call("", BridgeContract.CREDENTIALS_PATH);
  }

  /**
   * Revokes, for the whole fleet, the credential with this serial when {@code bySerial}, else every
   * credential named {@code value} made until now: {@code {"revoked": {...}, "credentials": [...]}}.
   */
  public JsonObject revoke(String value, boolean bySerial) {
    return call(new JsonObject().put(bySerial ? "serial" : "name", value).encode(), BridgeContract.REVOKE_PATH);
  }

  private JsonObject call(String body, String path) {
    return WeftCall.answer(new AgentExec(docker).run(WeftCall.post(body, path)));
  }
}
