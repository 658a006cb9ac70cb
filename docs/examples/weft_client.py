#!/usr/bin/env python3
"""A weft bridge client with Python's standard library alone (see docs/event-bus.md).

    python3 weft_client.py ADDRESS[,ADDRESS...] DIR [--events-for N] [--send ADDRESS JSON]

Connects to the agent at ADDRESS (HOST or HOST:PORT, port 6786 by default) with the credential in
DIR (`weft credentials NAME DIR`), sends `ps` to every host of the fleet, prints each host's reply
as one JSON line, then prints the fleet's events as they come, one JSON line each, until
interrupted (or for N seconds); when that agent goes away, it follows the events through the next
ADDRESS. --send sends one message instead and prints its reply.
"""
import argparse, json, socket, ssl, struct, sys, time

parser = argparse.ArgumentParser()
parser.add_argument("address")
parser.add_argument("dir")
parser.add_argument("--events-for", type=float, help="stop after this many seconds")
parser.add_argument("--send", nargs=2, metavar=("ADDRESS", "JSON"), help="send one message, print the reply")
args = parser.parse_args()

tls = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=f"{args.dir}/ca.pem")
tls.minimum_version = ssl.TLSVersion.TLSv1_3
tls.load_cert_chain(f"{args.dir}/cert.pem", f"{args.dir}/key.pem")
addresses = args.address.split(",")


def connect(address):
    host, _, port = address.partition(":")
    return tls.wrap_socket(socket.create_connection((host, int(port or 6786)), timeout=10), server_hostname=host)


conn = connect(addresses[0])


def send(frame):  # a frame: 4 bytes of length, big-endian, then the JSON
    data = json.dumps(frame).encode()
    conn.sendall(struct.pack(">i", len(data)) + data)


def receive():
    def exactly(n):
        data = b""
        while len(data) < n:
            chunk = conn.recv(n - len(data))
            if not chunk:
                raise ConnectionError("the agent closed the connection")
            data += chunk
        return data
    return json.loads(exactly(struct.unpack(">i", exactly(4))[0]))


early = []  # events that come while a request waits: printed after the replies


def request(address, body):  # one request and its reply (or the bridge's refusal)
    send({"type": "send", "address": address, "replyAddress": f"reply.{address}", "body": body})
    while True:
        frame = receive()
        if frame.get("address") == f"reply.{address}" or frame["type"] == "err":
            return frame
        early.append(frame)


if args.send:
    print(json.dumps(request(args.send[0], json.loads(args.send[1]))), flush=True)
    sys.exit(0)
send({"type": "register", "address": "weft.events"})
for peer in request("weft.fleet", {"query": "peers"})["body"]["peers"]:
    print(json.dumps(request(f"weft.host.{peer['name']}", {"verb": "ps"}).get("body")), flush=True)
end = time.monotonic() + args.events_for if args.events_for else None
try:
    while end is None or time.monotonic() < end:
        conn.settimeout(None if end is None else max(0.01, end - time.monotonic()))
        try:
            frame = early.pop(0) if early else receive()
        except socket.timeout:
            break
        except (ConnectionError, ssl.SSLError, OSError) as gone:  # that agent left: the next one
            print(json.dumps({"closed": addresses[0], "reason": str(gone)}), file=sys.stderr, flush=True)
            addresses = addresses[1:] + addresses[:1]
            conn = connect(addresses[0])
            send({"type": "register", "address": "weft.events"})
            continue
        if frame.get("address") == "weft.events":
            print(json.dumps(frame["body"]), flush=True)
        elif frame["type"] == "err":
            print(json.dumps(frame), file=sys.stderr, flush=True)
except KeyboardInterrupt:
    pass
