import { beforeAll, describe, expect, it } from 'vitest';
import { CROCKFORD, checkGroup, keyFingerprint, keyFromGroups, SheetError, sheetGroups, sheetQrText, splitSheet } from './recovery-sheet.ts';
import { newKeyPair, sealReady } from './seal.ts';

beforeAll(async () => {
  await sealReady();
});

const errorOf = (f: () => unknown): SheetError => {
  try {
    f();
  } catch (e) {
    if (e instanceof SheetError) return e;
    throw e;
  }
  throw new Error('did not throw');
};

describe('the recovery sheet encoding (Crockford Base32, Luhn mod 32 per group)', () => {
  it('writes a key as 13 groups of 5 and reads it back, in any case and with look-alikes', () => {
    for (let n = 0; n < 50; n++) {
      const { secretKey } = newKeyPair();
      const groups = sheetGroups(secretKey);
      expect(groups).toHaveLength(13);
      for (const g of groups) expect(g).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}$/);
      groups.forEach((g, i) => expect(checkGroup(i, g)).toBe('ok'));
      expect(keyFromGroups(groups)).toBe(secretKey);
      expect(keyFromGroups(groups.map((g) => g.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l')))).toBe(secretKey);
      expect(keyFromGroups(splitSheet(sheetQrText(groups)))).toBe(secretKey);
      expect(keyFromGroups(splitSheet(groups.join('')))).toBe(secretKey);
    }
  });

  it('catches every single mistyped symbol and every adjacent swap but 0↔Z in a group, and a group in the wrong place', () => {
    const groups = sheetGroups(newKeyPair().secretKey);
    let swaps = 0;
    groups.forEach((g, i) => {
      for (let p = 0; p < 5; p++) {
        for (const c of CROCKFORD) {
          if (c === g[p]) continue;
          expect(checkGroup(i, g.slice(0, p) + c + g.slice(p + 1)), `${g} @${p}→${c}`).toBe('bad_check');
        }
        if (p < 4 && g[p] !== g[p + 1] && `${g[p]}${g[p + 1]}` !== '0Z' && `${g[p]}${g[p + 1]}` !== 'Z0') {
          swaps++;
          expect(checkGroup(i, g.slice(0, p) + g[p + 1] + g[p] + g.slice(p + 2))).toBe('bad_check');
        }
      }
    });
    expect(swaps).toBeGreaterThan(20);
    // Groups typed in each other's place: the group number is inside the check.
    let caught = 0;
    for (let i = 0; i < 12; i++) if (checkGroup(i, groups[i + 1]!) !== 'ok') caught++;
    expect(caught).toBeGreaterThanOrEqual(11);
  });

  it('names the first group that is wrong, and how', () => {
    const groups = sheetGroups(newKeyPair().secretKey);
    expect(errorOf(() => keyFromGroups([...groups.slice(0, 12)])).group).toBe(12);
    expect(errorOf(() => keyFromGroups([...groups.slice(0, 12)])).state).toBe('empty');
    const bad = [...groups];
    bad[4] = bad[4]!.slice(0, 3);
    expect(errorOf(() => keyFromGroups(bad))).toMatchObject({ group: 4, state: 'incomplete' });
    bad[4] = 'UUUUU';
    expect(errorOf(() => keyFromGroups(bad))).toMatchObject({ group: 4, state: 'bad_symbol' });
  });

  it('fingerprints a public key as 4 groups of 4', () => {
    const { publicKey } = newKeyPair();
    expect(keyFingerprint(publicKey)).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(keyFingerprint(publicKey)).toBe(keyFingerprint(publicKey));
    expect(keyFingerprint(newKeyPair().publicKey)).not.toBe(keyFingerprint(publicKey));
  });
});
