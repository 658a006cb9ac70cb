package io.weft.agent.dns;

/** A container as its names come from Docker: its name, hostname and domain name, and whether it runs. */
public record NamedContainer(String id, String name, String hostname, String domainname, boolean running) {}
