package io.weft.shell;

import io.vertx.core.json.jackson.JacksonCodec;
import io.vertx.core.spi.JsonFactory;
import io.vertx.core.spi.json.JsonCodec;

/**
 * Vert.x's JSON on jackson-core alone. Vert.x picks jackson-databind's object mapper whenever it
 * is on the class path (docker-java brings it); the command line maps no objects to JSON, and not
 * building that mapper takes about a tenth of a second off each command's start.
 */
public final class CoreJsonFactory implements JsonFactory {

  private static final JsonCodec CODEC = new JacksonCodec();

  @Override
  public int order() {
    return 0; // before Vert.x's own default
  }

  @Override
  public JsonCodec codec() {
    return CODEC;
  }
}
