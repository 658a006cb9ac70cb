package io.weft.common.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.command.Ps;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandRequestTest {

  @Test
  void targetsSelfByDefaultAndByName() {
    CommandRequest request = CommandRequest.parse("{\"command\":{\"verb\":\"ps\"}}");
    assertEquals(new CommandRequest(Target.SELF, new Ps()), request);
    assertEquals(List.of("host1"), request.target().hosts("host1"));
    assertEquals(List.of("host3"), CommandRequest.parse(
        "{\"target\":\"host3\",\"command\":{\"verb\":\"ps\"}}").target().hosts("host1"));
    assertEquals(List.of("host2", "host1"), CommandRequest.parse(
        "{\"target\":[\"host2\",\"self\"],\"command\":{\"verb\":\"ps\"}}").target().hosts("host1"));
    assertTrue(CommandRequest.parse("{\"target\":\"all\",\"command\":{\"verb\":\"ps\"}}").target().all());
  }

  @Test
  void whatTheCommandLineWritesTheAgentReads() {
    for (String spec : new String[] {null, "self", "all", "host2", "host2,host3"}) {
      CommandRequest sent = new CommandRequest(Target.parse(spec), new Ps());
      assertEquals(sent, CommandRequest.parse(sent.toJson().encode()), String.valueOf(spec));
    }
    assertTrue(Target.parse("host2,host3").isMany());
    assertTrue(Target.parse("all").isMany());
    assertTrue(!Target.parse("host2").isMany() && Target.parse(null).isSelf());
  }

  @Test
  void malformedRequestsAreBadRequests() {
    for (String body : List.of("nope", "{}", "{\"command\":3}", "{\"target\":5,\"command\":{\"verb\":\"ps\"}}",
        "{\"target\":[1],\"command\":{\"verb\":\"ps\"}}", "{\"command\":{\"verb\":\"fly\"}}")) {
      WeftException e = assertThrows(WeftException.class, () -> CommandRequest.parse(body));
      assertEquals(ErrorCode.BAD_REQUEST, e.code(), body);
    }
  }
}
