import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { parseTrustProxy } from './trust-proxy.ts';

describe('TRUST_PROXY', () => {
  it('trusts exactly the addresses and ranges given, also as IPv4-mapped IPv6', () => {
    const parsed = parseTrustProxy(' 127.0.0.1, 10.1.0.0/16 ,::1');
    if (!parsed.ok || !parsed.proxies) throw new Error('expected proxies');
    const { list, has } = parsed.proxies;
    expect(list).toEqual(['127.0.0.1', '10.1.0.0/16', '::1']);
    expect([has('127.0.0.1'), has('::ffff:127.0.0.1'), has('10.1.200.3'), has('::1')]).toEqual([true, true, true, true]);
    expect([has('127.0.0.2'), has('10.2.0.1'), has('::2'), has(undefined), has('nonsense')]).toEqual([false, false, false, false, false]);
  });

  it('unset or empty: no proxy; a bad entry stops the start with every problem named', () => {
    expect(parseTrustProxy(undefined)).toEqual({ ok: true, proxies: null });
    expect(parseTrustProxy(' , ')).toEqual({ ok: true, proxies: null });
    const bad = parseTrustProxy('127.0.0.1, nginx.local, 10.0.0.0/33, 1.2.3.4/8/9');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems).toHaveLength(3);
    expect(() => loadConfig({ HOST: '127.0.0.1', TRUST_PROXY: 'nginx.local' }, [])).toThrow(/TRUST_PROXY: "nginx.local" is not an IP address/);
    expect(loadConfig({ HOST: '127.0.0.1', TRUST_PROXY: '127.0.0.1' }, []).trustProxy?.list).toEqual(['127.0.0.1']);
    expect(loadConfig({ HOST: '127.0.0.1' }, []).trustProxy).toBeNull();
  });
});
