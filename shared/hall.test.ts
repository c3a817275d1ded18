import { describe, expect, it } from 'vitest';
import { caPageUrl, isInsecureHall, isLocalOnlyHost, isLoopbackName, pairingUrl, projectorUrl } from './hall.ts';

describe('hall addresses (DESIGN.md §12)', () => {
  it('warns of plain HTTP only off loopback', () => {
    expect(isInsecureHall({ protocol: 'http:', hostname: '192.168.1.10' })).toBe(true);
    expect(isInsecureHall({ protocol: 'http:', hostname: 'piaojue.local' })).toBe(true);
    expect(isInsecureHall({ protocol: 'https:', hostname: '192.168.1.10' })).toBe(false);
    for (const h of ['localhost', '127.0.0.1', '127.0.0.2', '[::1]']) expect(isInsecureHall({ protocol: 'http:', hostname: h }), h).toBe(false);
  });
  it('calls only localhost, 127.0.0.1 and ::1 local-only (other 127.x stand in for a LAN in tests)', () => {
    for (const h of ['localhost', 'LOCALHOST', '127.0.0.1', '[::1]', 'a.localhost']) expect(isLocalOnlyHost(h), h).toBe(true);
    for (const h of ['127.0.0.2', '192.168.1.10', 'piaojue.local']) expect(isLocalOnlyHost(h), h).toBe(false);
    expect(isLoopbackName('127.9.9.9')).toBe(true);
  });
  it('puts codes and tokens in the fragment, and the root page on the helper port', () => {
    expect(pairingUrl('https://192.168.1.10:8080', '12345678')).toBe('https://192.168.1.10:8080/tablet/#code=12345678');
    expect(projectorUrl('https://h:8080', 'a/b')).toBe('https://h:8080/projector/#token=a%2Fb');
    expect(caPageUrl('https://192.168.1.10:8080', 8081)).toBe('http://192.168.1.10:8081/ca');
    expect(caPageUrl('https://[fd00::2]:8080', 8081)).toBe('http://[fd00::2]:8081/ca');
    expect(caPageUrl('https://h:8080', null)).toBe('https://h:8080/ca');
    // nginx's port 80 (CA_PUBLIC_PORT=80, README "Behind nginx"): HTTP's own port, not written.
    expect(caPageUrl('https://piaojue.local', 80)).toBe('http://piaojue.local/ca');
  });
});
