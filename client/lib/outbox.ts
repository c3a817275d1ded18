import { z } from 'zod';
import { paperKeySchema, receiptSchema, type Receipt } from '../../shared/api.ts';
import { readJson, writeJson, type KeyValueStore } from './storage.ts';

// A confirmed paper must survive a dropped Wi-Fi, a closed socket and a reloaded page (DESIGN.md §6): it is
// written here before it is sent, resent unchanged after every reconnect, and removed only when the server's
// receipt (or a final refusal) arrives. In a secret ballot only the sealed envelope is written — never the marks
// (DESIGN §5) — and once the ballot closes everything about it is forgotten: no envelope, tracker, receipt or
// draft stays on a tablet that the secretariat collects after the session.

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
export const PAPER_KEY_LENGTH = 32;

/** 32 random characters of [A-Za-z0-9_-]; 64 symbols divide 256, so `byte & 63` is unbiased. */
export function newPaperKey(fill: (bytes: Uint8Array<ArrayBuffer>) => void = (b) => void globalThis.crypto.getRandomValues(b)): string {
  const bytes = new Uint8Array(PAPER_KEY_LENGTH);
  fill(bytes);
  let key = '';
  for (const byte of bytes) key += KEY_ALPHABET[byte & 63];
  return key;
}

const marksSchema = z.record(z.string(), z.string());

const pendingBase = {
  ballotId: z.string().min(1),
  createdAt: z.number(),
  /** Sent at least once on a live connection: the server may have it even if no receipt came back. */
  sent: z.boolean().optional(),
};
export const pendingPaperSchema = z.union([
  /** A secret ballot's paper: the sealed envelope and its tracker (sha256 of the envelope), never the marks. */
  z.object({ ...pendingBase, envelope: z.string().min(1), tracker: z.string().regex(/^[0-9a-f]{64}$/) }),
  /** A named ballot's paper: the marks and the tablet's idempotency key. */
  z.object({ ...pendingBase, key: paperKeySchema, marks: marksSchema }),
]);
export type PendingPaper = z.infer<typeof pendingPaperSchema>;
/** What goes into the outbox: sealed, or plain for a named ballot (a key is made if none is given). */
export type PaperContent = { envelope: string; tracker: string } | { key?: string; marks: Record<string, string> };

export const storedReceiptSchema = z.object({
  ballotId: z.string(),
  /** Secret ballots: the tracker to look up in the public ballot box. */
  tracker: z.string().optional(),
  /** Named ballots: the paper id and digest in the ballot record. */
  paperId: z.string().optional(),
  digest: z.string().optional(),
  /** true: the receipt matches what was sent; false: it does not; null: this browser could not check. */
  verified: z.boolean().nullable(),
  at: z.number(),
});
export type StoredReceipt = z.infer<typeof storedReceiptSchema>;

/** A final refusal of a paper (already_voted, ballot_not_open …), kept so a reload still shows it. */
export const paperProblemSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** The paper had been sent before the refusal, so whether an earlier copy counted is not known here. */
  uncertain: z.boolean().optional(),
});
export type PaperProblem = z.infer<typeof paperProblemSchema>;

const outboxSchema = z.record(z.string(), pendingPaperSchema);

export class PaperStore {
  constructor(
    private readonly store: KeyValueStore,
    /** One namespace per paired deputy, so a re-paired tablet never mixes two deputies' papers. */
    private readonly prefix: string,
  ) {}

  private get outboxKey() {
    return `${this.prefix}outbox`;
  }
  private readOutbox(): Record<string, PendingPaper> {
    return readJson(this.store, this.outboxKey, outboxSchema) ?? {};
  }
  private writeOutbox(outbox: Record<string, PendingPaper>): void {
    if (Object.keys(outbox).length) writeJson(this.store, this.outboxKey, outbox);
    else this.store.removeItem(this.outboxKey);
  }

  /** Every paper confirmed but not yet acknowledged, oldest first. */
  pending(): PendingPaper[] {
    return Object.values(this.readOutbox()).sort((a, b) => a.createdAt - b.createdAt);
  }

  pendingFor(ballotId: string): PendingPaper | null {
    return this.readOutbox()[ballotId] ?? null;
  }

  /**
   * Puts a confirmed paper in the outbox (synchronously, before anything is sent). A ballot has one paper: if
   * one is already waiting, that one is returned unchanged — never a second key for the same ballot.
   */
  enqueue(ballotId: string, content: PaperContent, now: number): PendingPaper {
    const outbox = this.readOutbox();
    const existing = outbox[ballotId];
    if (existing) return existing;
    const paper: PendingPaper =
      'envelope' in content
        ? { ballotId, envelope: content.envelope, tracker: content.tracker, createdAt: now }
        : { ballotId, key: content.key ?? newPaperKey(), marks: { ...content.marks }, createdAt: now };
    outbox[ballotId] = paper;
    this.writeOutbox(outbox);
    this.clearDraft(ballotId);
    return paper;
  }

  /** Replaces the key of a waiting paper (only when the server says the key is taken by another paper). */
  rekey(ballotId: string, key: string = newPaperKey()): PendingPaper | null {
    const outbox = this.readOutbox();
    const paper = outbox[ballotId];
    if (!paper || !('key' in paper)) return null;
    outbox[ballotId] = { ...paper, key };
    this.writeOutbox(outbox);
    return outbox[ballotId];
  }

  markSent(ballotId: string): void {
    const outbox = this.readOutbox();
    const paper = outbox[ballotId];
    if (!paper || paper.sent) return;
    outbox[ballotId] = { ...paper, sent: true };
    this.writeOutbox(outbox);
  }

  /** The receipt arrived: keep it, forget the marks. */
  settle(receipt: Receipt, verified: boolean | null, now: number): StoredReceipt {
    const stored: StoredReceipt = { ...receipt, verified, at: now };
    writeJson(this.store, `${this.prefix}receipt.${receipt.ballotId}`, stored);
    this.drop(receipt.ballotId);
    return stored;
  }

  /** The server refused the paper for good: forget it and remember why. */
  refuse(ballotId: string, problem: PaperProblem): void {
    writeJson(this.store, `${this.prefix}problem.${ballotId}`, problem);
    this.drop(ballotId);
  }

  drop(ballotId: string): void {
    const outbox = this.readOutbox();
    if (!(ballotId in outbox)) return;
    delete outbox[ballotId];
    this.writeOutbox(outbox);
  }

  receipt(ballotId: string): StoredReceipt | null {
    return readJson(this.store, `${this.prefix}receipt.${ballotId}`, storedReceiptSchema);
  }

  problem(ballotId: string): PaperProblem | null {
    return readJson(this.store, `${this.prefix}problem.${ballotId}`, paperProblemSchema);
  }

  clearProblem(ballotId: string): void {
    this.store.removeItem(`${this.prefix}problem.${ballotId}`);
  }

  /** Marks in progress, so a reload mid-ballot does not lose them. */
  draft(ballotId: string): Record<string, string> | null {
    return readJson(this.store, `${this.prefix}draft.${ballotId}`, marksSchema);
  }

  saveDraft(ballotId: string, marks: Record<string, string>): void {
    if (Object.keys(marks).length) writeJson(this.store, `${this.prefix}draft.${ballotId}`, marks);
    else this.clearDraft(ballotId);
  }

  clearDraft(ballotId: string): void {
    this.store.removeItem(`${this.prefix}draft.${ballotId}`);
  }

  /**
   * The ballot closed (or is not open any more): forget its draft, receipt and refusal. A paper still waiting
   * for its answer stays until the answer comes (then forget() runs again).
   */
  forget(ballotId: string): void {
    this.clearDraft(ballotId);
    this.clearProblem(ballotId);
    this.store.removeItem(`${this.prefix}receipt.${ballotId}`);
  }

  /** Forgets every ballot but `keep` (the open one, if any); waiting papers stay until answered. */
  forgetAllBut(keep: string | null): void {
    const waiting = new Set(Object.keys(this.readOutbox()));
    for (const key of this.store.keys()) {
      if (!key.startsWith(this.prefix)) continue;
      const m = /^(?:draft|receipt|problem)\.(.+)$/.exec(key.slice(this.prefix.length));
      if (m && m[1] !== keep && !waiting.has(m[1]!)) this.store.removeItem(key);
    }
  }
}
