#!/usr/bin/env python3
"""What a user of a fleet host gets from the agent's ports (see BoundaryIT).

    local_user_probe.py DNS_ADDRESS NAME TCP_PORT... --udp UDP_PORT...

Each TCP listener (ADDRESS:PORT) is tried, on a fresh connection each, with a command and a
credential request to the API's paths, a metrics scrape, a bridge frame in clear, and the
openings of Hazelcast's member ("HZC") and client ("CP2") protocols; each UDP listener and the
DNS address with a query for NAME (UDP and TCP). Prints one JSON object a line: the listener,
the probe, and what came back within a second (text, at most 1 MB), or the error. Listeners
are tried side by side, each one's probes one after the other: a second's wait for each silent
probe, one listener after another, made a run take about twenty seconds; one connection at a
time per port keeps a port's own limits out of what it shows.
"""
import json, socket, struct, sys
from concurrent.futures import ThreadPoolExecutor

LIMIT = 1 << 20
COMMAND = '{"target":"all","command":{"verb":"ps"}}'
CREDENTIAL = '{"name":"mine","readOnly":false,"publicKey":"MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE"}'


def http(path, body=None):
    if body is None:
        return f"GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n".encode()
    return (f"POST {path} HTTP/1.0\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n{body}").encode()


def frame(obj):
    data = json.dumps(obj).encode()
    return struct.pack(">i", len(data)) + data


def dns_query(name, ident=0x5151):
    question = b"".join(bytes([len(l)]) + l.encode() for l in name.split(".")) + b"\0"
    return struct.pack(">HHHHHH", ident, 0x0100, 1, 0, 0, 0) + question + struct.pack(">HH", 1, 1)


PROBES = {
    "command": http("/v1/command", COMMAND),
    "credential": http("/v1/credentials", CREDENTIAL),
    "metrics": http("/metrics"),
    "bridge": frame({"type": "send", "address": "weft.fleet", "replyAddress": "r",
                     "body": {"query": "peers"}}),
    "hazelcast-member": b"HZC",
    "hazelcast-client": b"CP2",
}


def tcp(host, port, payload):
    got = b""
    try:
        s = socket.create_connection((host, port), timeout=1)
    except OSError as e:
        return {"error": str(e)}
    try:
        s.settimeout(1)
        s.sendall(payload)
        got = b""
        while len(got) < LIMIT:
            chunk = s.recv(65536)
            if not chunk:
                break
            got += chunk
    except OSError as e:
        if not got:
            return {"error": str(e)}
    finally:
        s.close()
    return {"got": got[:LIMIT].decode("latin-1")}


def udp(host, port, payload):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(1)
    try:
        s.sendto(payload, (host, port))
        return {"got": s.recvfrom(4096)[0].decode("latin-1")}
    except OSError as e:
        return {"error": str(e)}
    finally:
        s.close()


def answered(reply):
    raw = reply.get("got", "").encode("latin-1")
    return len(raw) >= 12 and raw[3] & 0x0f == 0 and struct.unpack(">H", raw[6:8])[0] > 0


def main():
    dns, name = sys.argv[1], sys.argv[2]
    rest = sys.argv[3:]
    split = rest.index("--udp") if "--udp" in rest else len(rest)
    tcp_listeners = rest[:split]
    udp_listeners = rest[split + 1:]

    def tcp_probes(listener):
        host, _, port = listener.rpartition(":")
        return [{"listener": listener, "probe": probe, **tcp(host, int(port), payload)}
                for probe, payload in PROBES.items()]

    def udp_probe(listener):
        host, _, port = listener.rpartition(":")
        return [{"listener": listener + "/udp", "probe": "dns", **udp(host, int(port), dns_query(name))}]

    with ThreadPoolExecutor(max_workers=max(1, len(tcp_listeners) + len(udp_listeners))) as pool:
        tcp_done = pool.map(tcp_probes, tcp_listeners)  # submitted at once, read in order
        udp_done = pool.map(udp_probe, udp_listeners)
        done = list(tcp_done) + list(udp_done)
    for lines in done:
        for line in lines:
            print(json.dumps(line), flush=True)
    query = dns_query(name)
    over_udp = udp(dns, 53, query)
    over_tcp = tcp(dns, 53, struct.pack(">H", len(query)) + query)
    if "got" in over_tcp:
        over_tcp["got"] = over_tcp["got"][2:]
    for proto, reply in (("udp", over_udp), ("tcp", over_tcp)):
        print(json.dumps({"listener": f"{dns}:53/{proto}", "probe": "dns-name", "answered": answered(reply), **reply}), flush=True)


main()
