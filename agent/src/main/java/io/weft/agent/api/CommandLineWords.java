package io.weft.agent.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.agent.AgentApiContract;
import io.weft.common.bus.HostReply;
import io.weft.common.words.QuickLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line's words as {@code weft-call --words} posts them ({@link
 * AgentApiContract#WORDS_PATH}), and what the command line would print for the replies: so the
 * {@code weft} script can carry out a host verb through {@code docker exec} with no JVM of its own.
 */
final class CommandLineWords {

  private CommandLineWords() {}

  /** The words of a body: a JSON array of strings, bounded in number and length. */
  static List<String> parse(String body) {
    JsonArray array;
    try {
      array = new JsonArray(body);
    } catch (RuntimeException e) {
      throw bad("the words are a JSON array of strings");
    }
    if (array.size() > AgentApiContract.MAX_WORDS) {
      throw bad("at most " + AgentApiContract.MAX_WORDS + " words");
    }
    List<String> words = new ArrayList<>();
    for (Object word : array) {
      if (!(word instanceof String text)) {
        throw bad("the words are a JSON array of strings");
      }
      if (text.length() > AgentApiContract.MAX_WORD) {
        throw bad("a word has at most " + AgentApiContract.MAX_WORD + " characters");
      }
      words.add(text);
    }
    return words;
  }

  /** The replies printed as the command line prints them: stdout, stderr and the exit status. */
  record Printed(int status, byte[] stdout, byte[] stderr) {

    static Printed of(QuickLine line, List<HostReply> replies) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status = line.print(replies, new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      return new Printed(status, out.toByteArray(), err.toByteArray());
    }

    /** The answer's body: stdout's bytes, then stderr's. */
    Buffer body() {
      return Buffer.buffer(stdout.length + stderr.length).appendBytes(stdout).appendBytes(stderr);
    }
  }

  private static WeftException bad(String message) {
    return new WeftException(ErrorCode.BAD_REQUEST, message);
  }
}
