package io.weft.agent.bridge;

import io.weft.common.bus.BridgeContract;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's bridge: a {@link BridgeKit} and one bridge of it listening on a free loopback
 * port with the agent's client limit, made before the class's own set-up and closed after it.
 * Registered as {@code @RegisterExtension static final OneBridge bridge = new OneBridge();}.
 */
final class OneBridge implements BeforeAllCallback, AfterAllCallback {

  BridgeKit kit;
  int port;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    kit = new BridgeKit();
    port = BridgeKit.freePort();
    kit.bridge(port, BridgeContract.MAX_CLIENTS).listen().await(5, TimeUnit.SECONDS);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    kit.close();
  }
}
