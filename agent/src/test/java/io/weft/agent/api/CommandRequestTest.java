package io.weft.agent.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.ErrorCode;
import io.weft.common.WeftException;
import io.weft.common.command.PsCommand;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandRequestTest {

  @Test
  void targetsSelfByDefaultAndByName() {
    CommandRequest request = CommandRequest.parse("{\"command\":{\"verb\":\"ps\"}}", "host1");
    assertEquals(new CommandRequest(new PsCommand(), false, List.of("host1")), request);
    assertEquals(List.of("host3"),
        CommandRequest.parse("{\"target\":\"host3\",\"command\":{\"verb\":\"ps\"}}", "host1").hosts());
    assertEquals(List.of("host2", "host1"),
        CommandRequest.parse("{\"target\":[\"host2\",\"self\"],\"command\":{\"verb\":\"ps\"}}", "host1").hosts());
    assertTrue(CommandRequest.parse("{\"target\":\"all\",\"command\":{\"verb\":\"ps\"}}", "host1").all());
  }

  @Test
  void malformedRequestsAreBadRequests() {
    for (String body : List.of("nope", "{}", "{\"command\":3}", "{\"target\":5,\"command\":{\"verb\":\"ps\"}}",
        "{\"target\":[1],\"command\":{\"verb\":\"ps\"}}", "{\"command\":{\"verb\":\"fly\"}}")) {
      WeftException e = assertThrows(WeftException.class, () -> CommandRequest.parse(body, "h"));
      assertEquals(ErrorCode.BAD_REQUEST, e.code(), body);
    }
  }
}
