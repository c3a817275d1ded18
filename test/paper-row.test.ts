import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { canonicalJson } from '../shared/canonical-json.ts';
import { paperDigest } from '../shared/paper.ts';
import { flatCanonicalJson, openedRowMaker, UNREADABLE_MARKS } from '../server/ballots/paper-row.ts';
import { selectionRules } from './helpers/ballot-record.ts';

// The row an opened envelope becomes (server/ballots/paper-row.ts): made fast, it must still be the record's
// contract — canonical marks, and the receipt digest every reader recomputes (README, "The ballot record").

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

it('writes marks as canonical JSON for any flat map of marks', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.string()), (marks) => {
      expect(flatCanonicalJson(marks)).toBe(canonicalJson(marks));
    }),
    { numRuns: 1000 },
  );
});

it('gives each paper a fresh random id and the digest a reader recomputes from the row', () => {
  const ids = ['c-1', 'c-2', 'c-3'];
  const row = openedRowMaker('b-1', selectionRules({ maxApprovals: 1, seats: 1 }), ids);
  const seen = new Set<string>();
  fc.assert(
    fc.property(fc.dictionary(fc.constantFrom(...ids, 'x'), fc.constantFrom('for', 'against', 'abstain')), (marks) => {
      const made = row({ ok: true, marks });
      expect(made.id).toMatch(/^p-[0-9a-f]{32}$/);
      expect(seen.has(made.id)).toBe(false);
      seen.add(made.id);
      expect(made.marks).toBe(canonicalJson(marks));
      expect(made.digest).toBe(paperDigest('b-1', made.id, JSON.parse(made.marks) as Record<string, string>, sha256Hex));
    }),
    { numRuns: 300 },
  );
  const unreadable = row({ ok: false, reason: 'the envelope holds no paper' });
  expect(unreadable).toMatchObject({ marks: canonicalJson(UNREADABLE_MARKS), valid: 0, invalid_reason: 'the envelope holds no paper' });
});
