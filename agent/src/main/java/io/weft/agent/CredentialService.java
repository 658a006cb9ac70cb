package io.weft.agent;

/**
 * The fleet's record of bridge credentials kept whole: this host enters what it knows to be
 * issued and revoked again (and takes in what the maps hold) with every other kind of entry,
 * after joins and merges and now and then, so that each side of a healed split refuses what the
 * other revoked. The register itself starts with the bridge ({@link AgentServices}), which
 * serves no one before it has read the fleet's revocations; its work that may wait on the maps
 * runs on a thread of its own, never the fleet's worker.
 */
final class CredentialService implements Service {

  private final Fleet fleet;

  CredentialService(Fleet fleet) {
    this.fleet = fleet;
  }

  @Override
  public String name() {
    return "bridge credentials";
  }

  @Override
  public void start() {
    fleet.republishing().add(fleet.services().credentials()::republishLater);
  }

  @Override
  public void stop() {}
}
