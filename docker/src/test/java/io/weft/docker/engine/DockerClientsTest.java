package io.weft.docker.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.dockerjava.api.DockerClient;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerClientsTest {

  @Test
  void aBoundedClientGivesUpOnAnEngineThatNeverAnswers() throws Exception {
    List<Socket> held = new ArrayList<>();
    try (ServerSocket hung = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(hung.accept()); // accepted, never answered
          }
        } catch (Exception closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      System.setProperty(DockerClients.HOST_PROPERTY, "tcp://127.0.0.1:" + hung.getLocalPort());
      try (DockerClient docker = DockerClients.fromEnvironment(Duration.ofSeconds(1))) {
        assertTimeoutPreemptively(Duration.ofSeconds(10),
            () -> assertThrows(RuntimeException.class, () -> docker.infoCmd().exec()));
      } finally {
        System.clearProperty(DockerClients.HOST_PROPERTY);
        for (Socket s : held) {
          s.close();
        }
      }
    }
  }
}
