package io.weft.agent.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weft.common.agent.AgentState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The join candidates as the state volume keeps them, bad files included. */
class JoinCandidatesTest {

  @Test
  void theLaunchsPeersTheConnectedAndTheSeenAreTriedThisHostLeftOut(@TempDir Path state) throws Exception {
    Files.writeString(state.resolve(AgentState.SEEN_FILE), "{\"seen\": [\"172.29.0.13\", \"172.29.0.11\"]}");
    Files.writeString(state.resolve(AgentState.CONNECT_FILE), "172.29.0.14\n\n");
    JoinCandidates candidates = new JoinCandidates("172.29.0.11", List.of("172.29.0.12"), state);
    assertEquals(List.of("172.29.0.12", "172.29.0.13", "172.29.0.14"), candidates.initial());
  }

  @Test
  void aSeenFileCutShortByACrashIsSetAsideAndTheAgentStarts(@TempDir Path state) throws Exception {
    Files.writeString(state.resolve(AgentState.SEEN_FILE), "{\"seen\": [\"172.29.0.1");
    JoinCandidates candidates = new JoinCandidates("172.29.0.11", List.of("172.29.0.12"), state);
    assertEquals(List.of("172.29.0.12"), candidates.initial());
    assertTrue(Files.exists(state.resolve(AgentState.SEEN_FILE + ".bad")));
  }
}
