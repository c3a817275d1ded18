import { createHash, randomBytes } from 'node:crypto';
import { canonicalJson } from '../../shared/canonical-json.ts';
import { paperDigest } from '../../shared/paper.ts';
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

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Makes the row of an opened envelope: a fresh random paper id (`p-` + 32 hex), the canonical marks (an unreadable
 * envelope stands for UNREADABLE_MARKS), the validity under the ballot's rules (shared/rules/paper.ts) and the
 * receipt digest (shared/paper.ts). Returns a function for one ballot; throws nothing.
 */
export function openedRowMaker(ballotId: string, rules: BallotRules, markIds: readonly string[]): (paper: OpenedPaper) => OpenedRow {
  const check = paperChecker(rules, markIds);
  return (paper) => {
    const marks = paper.ok ? paper.marks : { ...UNREADABLE_MARKS };
    const verdict = paper.ok ? check(marks) : { valid: false as const, reason: paper.reason };
    const id = `p-${randomBytes(16).toString('hex')}`;
    return {
      id,
      marks: canonicalJson(marks),
      valid: verdict.valid ? 1 : 0,
      invalid_reason: verdict.valid ? null : verdict.reason,
      digest: paperDigest(ballotId, id, marks, sha256Hex),
    };
  };
}
