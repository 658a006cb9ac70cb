package io.weft.agent.api;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A request's body read whole, up to a bound: one announced longer is refused before a byte of it
 * is read, and one that turns out longer (chunked, or lying) is refused at the byte past the bound.
 * Vert.x's own {@code request.body()} gathers any length, so one request could fill the heap.
 */
final class BoundedBody {

  /** The body was longer than the bound: answered with 413, the connection closed. */
  static final class TooLarge extends RuntimeException {
    TooLarge(String message) {
      super(message, null, false, false);
    }
  }

  private BoundedBody() {}

  static Future<Buffer> read(HttpServerRequest request, int max) {
    String announced = request.getHeader("Content-Length");
    if (announced != null) {
      long length;
      try {
        length = Long.parseLong(announced.strip());
      } catch (NumberFormatException e) {
        return Future.failedFuture(new IllegalArgumentException("Content-Length is not a number"));
      }
      if (length > max) {
        return Future.failedFuture(tooLarge(length, max));
      }
    }
    Promise<Buffer> body = Promise.promise();
    Buffer gathered = Buffer.buffer();
    request.handler(chunk -> {
      if (body.future().isComplete()) {
        return;
      }
      if (gathered.length() + chunk.length() > max) {
        body.fail(tooLarge(gathered.length() + (long) chunk.length(), max));
        request.pause();
        return;
      }
      gathered.appendBuffer(chunk);
    });
    request.endHandler(v -> body.tryComplete(gathered));
    request.exceptionHandler(body::tryFail);
    return body.future();
  }

  private static TooLarge tooLarge(long length, int max) {
    return new TooLarge("a request's body is at most " + max + " bytes, not " + length);
  }
}
