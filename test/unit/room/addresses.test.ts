// Which addresses a room listens on, from made-up interface lists: private v4 and unique-local v6,
// never public or loopback, link-local only when there is nothing else.
import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { boundAddress, isPrivateV4, isUniqueLocalV6, roomAddresses } from '../../../electron/room/addresses';

function v4(address: string, internal = false): NetworkInterfaceInfo {
  return { address, netmask: '255.255.255.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal, cidr: `${address}/24` };
}
function v6(address: string, internal = false): NetworkInterfaceInfo {
  return { address, netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '00:00:00:00:00:00', internal, cidr: `${address}/64`, scopeid: 0 };
}

describe('roomAddresses', () => {
  it('keeps private v4 (RFC 1918) and unique-local v6, v4 first, and drops loopback and public ones', () => {
    const found = roomAddresses({
      lo: [v4('127.0.0.1', true), v6('::1', true)],
      wlan0: [v6('fd12:3456:789a::5'), v4('192.168.1.20'), v6('2001:db8::1'), v6('fe80::1')],
      eth0: [v4('10.0.0.7'), v4('8.8.8.8')],
      docker0: [v4('172.17.0.1')],
    });
    expect(found.map((a) => a.host)).toEqual(['192.168.1.20', '10.0.0.7', '172.17.0.1', 'fd12:3456:789a::5']);
    expect(found.at(-1)!.urlHost).toBe('[fd12:3456:789a::5]');
  });

  it('uses link-local addresses only when there is nothing else, with the interface for v6', () => {
    const found = roomAddresses({ wlan0: [v4('169.254.10.2'), v6('fe80::abcd')], eth0: [v4('203.0.113.9')] });
    expect(found.map((a) => a.host)).toEqual(['169.254.10.2', 'fe80::abcd%wlan0']);
    expect(found[1]!.urlHost).toBe('[fe80::abcd%25wlan0]');
    expect(roomAddresses({ wlan0: [v4('192.168.0.2'), v4('169.254.1.1')] }).map((a) => a.host)).toEqual(['192.168.0.2']);
  });

  it('finds nothing on a machine with only loopback and public addresses (no Wi-Fi)', () => {
    expect(roomAddresses({ lo: [v4('127.0.0.1', true)], eth0: [v4('198.51.100.4'), v6('2001:db8::2')] })).toEqual([]);
    expect(roomAddresses({})).toEqual([]);
  });

  it('tells the edges of the private ranges', () => {
    expect(['10.255.255.255', '172.16.0.1', '172.31.255.255', '192.168.255.1'].every(isPrivateV4)).toBe(true);
    expect(['11.0.0.1', '172.15.0.1', '172.32.0.1', '192.169.0.1', '100.64.0.1', 'not.an.ip.x'].some(isPrivateV4)).toBe(false);
    expect(['fc00::1', 'fdff::1', 'FD00::1'].every(isUniqueLocalV6)).toBe(true);
    expect(['fe00::1', 'fb00::1', '::1', '2001:db8::1'].some(isUniqueLocalV6)).toBe(false);
  });

  it('puts a bound v6 address in brackets for the URL', () => {
    expect(boundAddress('127.0.0.1')).toEqual({ family: 'IPv4', host: '127.0.0.1', urlHost: '127.0.0.1' });
    expect(boundAddress('::1')).toEqual({ family: 'IPv6', host: '::1', urlHost: '[::1]' });
  });
});
