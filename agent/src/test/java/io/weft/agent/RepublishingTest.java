package io.weft.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RepublishingTest {

  private final FakeCluster cluster = new FakeCluster("host1", "host2");
  private final ManualSchedule schedule = new ManualSchedule();
  private final Republishing republishing = new Republishing();
  private final List<String> entered = new ArrayList<>();

  @BeforeEach
  void follow() {
    republishing.add(() -> entered.add("peers"));
    republishing.add(() -> entered.add("addresses"));
    republishing.add(() -> entered.add("names"));
    republishing.follow(cluster, schedule);
  }

  @Test
  void aMemberJoiningGetsEveryKindOfEntryAgain() {
    cluster.join("host3");
    assertEquals(List.of("peers", "addresses", "names"), entered);
  }

  @Test
  void afterAJoinEveryKindIsEnteredAgainAFewTimesMoreAndThenNoMore() {
    cluster.join("host3");
    entered.clear();
    for (int i = 0; i < Republishing.JOIN_ECHOES; i++) {
      schedule.pass(AgentPeriods.JOIN_ECHO);
      assertEquals(List.of("peers", "addresses", "names"), entered, "echo " + (i + 1));
      entered.clear();
    }
    schedule.pass(AgentPeriods.JOIN_ECHO);
    assertEquals(List.of(), entered, "no echo past the last");
  }

  @Test
  void withoutAJoinTheEchoesTickIdle() {
    schedule.pass(AgentPeriods.JOIN_ECHO);
    assertEquals(List.of(), entered);
  }

  @Test
  void anotherSidesMergeToldOnTheBusGetsEveryKindAgain() {
    cluster.otherMerged();
    assertEquals(List.of("peers", "addresses", "names"), entered);
  }

  @Test
  void thisSidesMergeGetsEveryKindAgainAtOnceAndWhenTheBusTellsOfIt() {
    cluster.merge();
    assertEquals(List.of("peers", "addresses", "names", "peers", "addresses", "names"), entered);
  }

  @Test
  void everyKindIsEnteredAgainEachPeriodRegardless() {
    schedule.pass(AgentPeriods.REPUBLISH);
    // REPUBLISH's one turn; JOIN_ECHO's turns meanwhile, with no join, enter nothing
    assertEquals(List.of("peers", "addresses", "names"), entered);
    assertEquals(List.of(AgentPeriods.JOIN_ECHO, AgentPeriods.REPUBLISH), schedule.periods());
  }

  @Test
  void aKindAddedAfterTheTriggersWereWiredIsRepublishedToo() {
    republishing.add(() -> entered.add("connect targets"));
    cluster.join("host3");
    assertEquals(List.of("peers", "addresses", "names", "connect targets"), entered);
  }

  @Test
  void oneKindFailingDoesNotKeepTheOthersFromTheirs() {
    Republishing failing = new Republishing();
    failing.add(() -> {
      throw new IllegalStateException("the map is gone");
    });
    failing.add(() -> entered.add("names"));
    failing.republish();
    assertEquals(List.of("names"), entered);
  }
}
