import { createHash, randomBytes } from 'node:crypto';
import { canonicalJson } from '../../shared/canonical-json.ts';
import { paperDigestTextOf } from '../../shared/paper.ts';
import { paperChecker } from '../../shared/rules/paper.ts';
import type { BallotRules } from '../../shared/record.ts';
import type { OpenedPaper } from '../../shared/seal.ts';

// Loaded by the opener thread too (opener-worker.ts): erasable TypeScript only, no server imports.

/**
 * The marks an envelope that cannot be opened, read or matched to its ballot stands for: one mark for a
 * "candidate" no ballot has, so every reader of the record (the recount included) counts the paper invalid
 * (DESIGN §9) — an acknowledged envelope is counted, never dropped.
 */
export const UNREADABLE_MARKS: Readonly<Record<string, string>> = Object.freeze({ '(envelope)': 'unreadable' });

/** A tablet paper as the opening writes it (DESIGN §5, §9): under a fresh random id, with no deputy and no time. */
export interface OpenedRow {
  id: string;
  marks: string;
  valid: number;
  invalid_reason: string | null;
  digest: string;
}

/**
 * canonicalJson (shared/canonical-json.ts) of marks — a flat map of strings — made without its general walk:
 * keys sorted by UTF-16 code units, each key and value as JSON.stringify writes it, no whitespace.
 */
export function flatCanonicalJson(marks: Readonly<Record<string, string>>): string {
  const keys = Object.keys(marks).sort();
  let json = '{';
  for (let i = 0; i < keys.length; i++) json += `${i ? ',' : ''}${JSON.stringify(keys[i])}:${JSON.stringify(marks[keys[i]!])}`;
  return `${json}}`;
}

/** Random paper ids are cut from one draw of this many bytes (64 ids): one call to the generator, not one per paper. */
const ID_POOL_BYTES = 16 * 64;

/**
 * Makes the row of an opened envelope: a fresh random paper id (`p-` + 32 hex, from node:crypto's CSPRNG), the
 * canonical marks (an unreadable envelope stands for UNREADABLE_MARKS), the validity under the ballot's rules
 * (shared/rules/paper.ts) and the receipt digest (shared/paper.ts, over the canonical marks made once). Returns a
 * function for one ballot; throws nothing. About 12 µs a paper warm (scripts/bench: 3,000 papers at a close).
 */
export function openedRowMaker(ballotId: string, rules: BallotRules, markIds: readonly string[]): (paper: OpenedPaper) => OpenedRow {
  const check = paperChecker(rules, markIds);
  let pool = Buffer.alloc(0);
  let at = 0;
  const freshId = () => {
    if (at + 16 > pool.length) {
      pool = randomBytes(ID_POOL_BYTES);
      at = 0;
    }
    at += 16;
    return `p-${pool.toString('hex', at - 16, at)}`;
  };
  return (paper) => {
    const marks = paper.ok ? paper.marks : { ...UNREADABLE_MARKS };
    const verdict = paper.ok ? check(marks) : { valid: false as const, reason: paper.reason };
    const id = freshId();
    const json = flatCanonicalJson(marks);
    return {
      id,
      marks: json,
      valid: verdict.valid ? 1 : 0,
      invalid_reason: verdict.valid ? null : verdict.reason,
      digest: createHash('sha256').update(paperDigestTextOf(ballotId, id, json), 'utf8').digest('hex'),
    };
  };
}
