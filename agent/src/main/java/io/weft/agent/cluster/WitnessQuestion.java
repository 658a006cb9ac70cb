package io.weft.agent.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * One host's question to another's {@link CutOffWitness}: does your host reach the member port
 * of {@code member}? Or, to the master, word that no member does ({@link
 * CutOffWitness#foundCutOff}). Sent to that member alone over the Hazelcast connection between the two
 * ({@link MemberWitnesses}), run there on the witness executor ({@link #EXECUTOR}: one thread,
 * {@link CutOffWitness#ANSWERS_QUEUED} waiting at most, past that refused to the asker). Its
 * bytes are two longs and a flag, read by {@link Factory}: no Java deserialization, no class named by the
 * sender.
 */
public final class WitnessQuestion implements Callable<String>, IdentifiedDataSerializable,
    HazelcastInstanceAware {

  /** The executor the questions run on, configured in {@link HazelcastSettings}. */
  static final String EXECUTOR = "weft.witness";
  /** The key of this host's {@link CutOffWitness} in Hazelcast's user context. */
  static final String CONTEXT_KEY = "weft.witness";
  /** "WEFT": weft's own data-serializable types. */
  static final int FACTORY_ID = 0x57454654;
  static final int CLASS_ID = 1;
  /** What a member without a witness yet (an agent still starting) answers. */
  static final String NOT_READY = "NOT_READY";

  private UUID member;
  /** Not a question but word that the sender found no member reaching {@code member}. */
  private boolean cutOff;
  private transient HazelcastInstance local;

  public WitnessQuestion() {}

  WitnessQuestion(UUID member, boolean cutOff) {
    this.member = member;
    this.cutOff = cutOff;
  }

  UUID member() {
    return member;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance instance) {
    this.local = instance;
  }

  @Override
  public String call() {
    if (local != null && local.getUserContext().get(CONTEXT_KEY) instanceof CutOffWitness witness) {
      return cutOff ? witness.foundCutOff(member) : witness.answer(member);
    }
    return NOT_READY;
  }

  @Override
  public int getFactoryId() {
    return FACTORY_ID;
  }

  @Override
  public int getClassId() {
    return CLASS_ID;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(member.getMostSignificantBits());
    out.writeLong(member.getLeastSignificantBits());
    out.writeBoolean(cutOff);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    member = new UUID(in.readLong(), in.readLong());
    cutOff = in.readBoolean();
  }

  /** Builds the questions Hazelcast reads; any other class id is refused (null). */
  static final class Factory implements DataSerializableFactory {
    @Override
    public IdentifiedDataSerializable create(int classId) {
      return classId == CLASS_ID ? new WitnessQuestion() : null;
    }
  }
}
