# The recorded messages of WireGuardNetlinkTest: WireGuard's generic-netlink messages encoded by
# another encoder, pyroute2's wgmsg (Debian: python3-pyroute2), with linux/wireguard.h's values.
# Run with python3; prints set0, reply and reply2 as hex.
import struct, sys
from base64 import b64encode
from pyroute2.netlink import NLM_F_REQUEST, NLM_F_ACK
from pyroute2.netlink.generic.wireguard import wgmsg
FAMILY = 0x1b
def key(n): return b64encode(bytes([n]) * 32).decode()

m = wgmsg()
m['cmd'] = 1; m['version'] = 1
m['header']['type'] = FAMILY; m['header']['flags'] = NLM_F_REQUEST; m['header']['sequence_number'] = 0; m['header']['pid'] = 0
m['attrs'].append(['WGDEVICE_A_IFNAME', 'weft-wg'])
m['attrs'].append(['WGDEVICE_A_PRIVATE_KEY', key(0x11)])
m['attrs'].append(['WGDEVICE_A_LISTEN_PORT', 6784])
m['attrs'].append(['WGDEVICE_A_PEERS', [
  {'attrs': [['WGPEER_A_PUBLIC_KEY', key(0x22)], ['WGPEER_A_FLAGS', 2],
             ['WGPEER_A_ENDPOINT', {'addr': '172.29.0.12', 'port': 6784}],
             ['WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL', 1],
             ['WGPEER_A_ALLOWEDIPS', [{'attrs': [['WGALLOWEDIP_A_FAMILY', 2], ['WGALLOWEDIP_A_IPADDR', bytes([172,29,0,12])], ['WGALLOWEDIP_A_CIDR_MASK', 32]]},
                                      {'attrs': [['WGALLOWEDIP_A_FAMILY', 2], ['WGALLOWEDIP_A_IPADDR', bytes([172,29,0,13])], ['WGALLOWEDIP_A_CIDR_MASK', 32]]}]]]},
  {'attrs': [['WGPEER_A_PUBLIC_KEY', key(0x33)], ['WGPEER_A_FLAGS', 1]]},
]])
m.encode()

r = wgmsg()
r['cmd'] = 0; r['version'] = 1
r['header']['type'] = FAMILY; r['header']['flags'] = 2; r['header']['sequence_number'] = 7; r['header']['pid'] = 4242
r['attrs'].append(['WGDEVICE_A_LISTEN_PORT', 6784])
r['attrs'].append(['WGDEVICE_A_FWMARK', 0])
r['attrs'].append(['WGDEVICE_A_IFINDEX', 9])
r['attrs'].append(['WGDEVICE_A_IFNAME', 'weft-wg'])
r['attrs'].append(['WGDEVICE_A_PRIVATE_KEY', key(0x11)])
r['attrs'].append(['WGDEVICE_A_PUBLIC_KEY', key(0x12)])
r['attrs'].append(['WGDEVICE_A_PEERS', [
  {'attrs': [['WGPEER_A_PUBLIC_KEY', key(0x22)], ['WGPEER_A_PRESHARED_KEY', b64encode(bytes(32)).decode()],
             ['WGPEER_A_LAST_HANDSHAKE_TIME', {'tv_sec': 1765000000, 'tv_nsec': 5}],
             ['WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL', 1],
             ['WGPEER_A_TX_BYTES', 123456789012], ['WGPEER_A_RX_BYTES', 98765],
             ['WGPEER_A_PROTOCOL_VERSION', 1],
             ['WGPEER_A_ENDPOINT', {'addr': '172.29.0.12', 'port': 6784}],
             ['WGPEER_A_ALLOWEDIPS', [{'attrs': [['WGALLOWEDIP_A_CIDR_MASK', 32], ['WGALLOWEDIP_A_FAMILY', 2], ['WGALLOWEDIP_A_IPADDR', bytes([172,29,0,12])]]}]]]},
  {'attrs': [['WGPEER_A_PUBLIC_KEY', key(0x33)], ['WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL', 0],
             ['WGPEER_A_ENDPOINT', {'addr': 'fd00::13', 'port': 51820}]]},
]])
r.encode()
print('reply', r.data.hex())

def zero_list_types(data, start, end, lists):
    # wg(8) and the kernel number list elements 0; pyroute2 numbers them from 1: make them 0
    pos = start
    while pos + 4 <= end:
        length, typ = struct.unpack_from('HH', data, pos)
        t = typ & 0x3fff
        if typ & 0x8000 and t in lists:
            inner = pos + 4
            while inner + 4 <= pos + length:
                l2, _ = struct.unpack_from('HH', data, inner)
                struct.pack_into('H', data, inner + 2, 0x8000)
                if t == 8:
                    zero_list_types(data, inner + 4, inner + l2, {9})
                if l2 < 4: break
                inner += (l2 + 3) & ~3
        if length < 4: break
        pos += (length + 3) & ~3

def canonical(msg):
    data = bytearray(msg.data)
    zero_list_types(data, 20, len(data), {8})
    return data.hex()

print('set0', canonical(m))
r2 = wgmsg()
r2['cmd'] = 0; r2['version'] = 1
r2['header']['type'] = FAMILY; r2['header']['flags'] = 2; r2['header']['sequence_number'] = 7; r2['header']['pid'] = 4242
r2['attrs'].append(['WGDEVICE_A_IFINDEX', 9])
r2['attrs'].append(['WGDEVICE_A_IFNAME', 'weft-wg'])
r2['attrs'].append(['WGDEVICE_A_PEERS', [
  {'attrs': [['WGPEER_A_PUBLIC_KEY', key(0x33)],
             ['WGPEER_A_ALLOWEDIPS', [{'attrs': [['WGALLOWEDIP_A_FAMILY', 2], ['WGALLOWEDIP_A_IPADDR', bytes([10,32,0,0])], ['WGALLOWEDIP_A_CIDR_MASK', 12]]}]]]},
]])
r2.encode()
print('reply2', r2.data.hex())
