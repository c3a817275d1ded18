import { z } from 'zod';
import { paperKeySchema, receiptSchema, type Receipt } from '../../shared/api.ts';
import { readJson, writeJson, type KeyValueStore } from './storage.ts';

// A confirmed paper must survive a dropped Wi-Fi, a closed socket and a reloaded page (DESIGN.md §6): it is
// written here before it is sent, resent with the same key after every reconnect, and removed only when the
// server's receipt (or a final refusal) arrives. The marks are forgotten once the receipt is stored, so the
// tablet keeps no record of how its deputy voted.

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

export const pendingPaperSchema = z.object({
  ballotId: z.string().min(1),
  key: paperKeySchema,
  marks: marksSchema,
  createdAt: z.number(),
  /** Sent at least once on a live connection: the server may have it even if no receipt came back. */
  sent: z.boolean().optional(),
});
export type PendingPaper = z.infer<typeof pendingPaperSchema>;

export const storedReceiptSchema = receiptSchema.extend({
  /** true: the digest matches the marks sent; false: it does not; null: this browser could not check. */
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
  enqueue(ballotId: string, marks: Record<string, string>, now: number, key: string = newPaperKey()): PendingPaper {
    const outbox = this.readOutbox();
    const existing = outbox[ballotId];
    if (existing) return existing;
    const paper: PendingPaper = { ballotId, key, marks: { ...marks }, createdAt: now };
    outbox[ballotId] = paper;
    this.writeOutbox(outbox);
    this.clearDraft(ballotId);
    return paper;
  }

  /** Replaces the key of a waiting paper (only when the server says the key is taken by another paper). */
  rekey(ballotId: string, key: string = newPaperKey()): PendingPaper | null {
    const outbox = this.readOutbox();
    const paper = outbox[ballotId];
    if (!paper) return null;
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
    const stored: StoredReceipt = { ballotId: receipt.ballotId, paperId: receipt.paperId, digest: receipt.digest, verified, at: now };
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
}
