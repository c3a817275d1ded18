import type { Receipt } from '../../shared/api.ts';
import type { ServerMessageOf } from '../../shared/ws.ts';
import type { PaperProblem, PaperStore, PendingPaper, StoredReceipt } from '../lib/outbox.ts';
import { verifyReceipt } from '../lib/receipt.ts';
import type { WsClient } from '../lib/ws-client.ts';

// Delivers confirmed papers from the outbox until each has a final answer: a receipt, or a refusal that no
// resend can change. Resends always carry the paper's one key, so the server answers with the original receipt.

/** A paper the server refuses for good: retrying cannot change the answer. */
const FINAL_ERRORS = new Set(['already_voted', 'ballot_not_open', 'forbidden', 'not_found', 'invalid_input', 'bad_envelope', 'sealed_paper_required']);

const HEX = '0123456789abcdef';
/** A request id of fixed length (`p` + 20 hex digits), so that no two submitPaper messages differ in size. */
export function paperRequestId(fill: (b: Uint8Array<ArrayBuffer>) => void = (b) => void globalThis.crypto.getRandomValues(b)): string {
  const bytes = new Uint8Array(10);
  fill(bytes);
  let id = 'p';
  for (const b of bytes) id += HEX[b >> 4]! + HEX[b & 15]!;
  return id;
}
/** A paper still unanswered this long after sending is sent again (same key), even on a live connection. */
export const PAPER_RESEND_MS = 10_000;
const RETRY_AFTER_ERROR_MS = 2000;

export type PaperOutcome =
  | { kind: 'receipt'; ballotId: string; receipt: StoredReceipt }
  | { kind: 'refused'; ballotId: string; problem: PaperProblem }
  /** Nothing was recorded and the deputy must check in first: the marks come back for another confirm. */
  | { kind: 'notCheckedIn'; ballotId: string; marks: Record<string, string> };

interface Request {
  ballotId: string;
  /** Whether the paper had gone out before this request: only then may an earlier copy have counted. */
  sentBefore: boolean;
}

export interface PaperCourierOptions {
  client: WsClient;
  papers: PaperStore;
  now: () => number;
  onOutcome: (outcome: PaperOutcome) => void;
  verify?: (receipt: Receipt, marks: Record<string, string>) => Promise<boolean | null>;
}

export class PaperCourier {
  private readonly requests = new Map<string, Request>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly opts: PaperCourierOptions) {}

  /** A new connection was welcomed: answers to the old one's requests will never come; send everything again. */
  resendAll(): void {
    this.requests.clear();
    for (const paper of this.opts.papers.pending()) this.send(paper);
  }

  send(paper: PendingPaper): void {
    const { client, papers } = this.opts;
    // Every submitPaper of a ballot has one length (DESIGN §5): a fixed-length request id, a fixed-length envelope.
    const id = paperRequestId();
    const content = 'envelope' in paper ? { envelope: paper.envelope } : { key: paper.key, marks: paper.marks };
    const sent = client.send({ type: 'submitPaper', id, ballotId: paper.ballotId, ...content }, { expectReply: true });
    if (!sent) return; // the next welcome resends it
    this.requests.set(id, { ballotId: paper.ballotId, sentBefore: papers.pendingFor(paper.ballotId)?.sent === true });
    papers.markSent(paper.ballotId);
    // A pong proves the link; the receipt may still be lost, so ask again if it does not come.
    client.ping();
    this.schedule(paper.ballotId, PAPER_RESEND_MS);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  async receipt(m: ServerMessageOf<'receipt'>): Promise<void> {
    this.requests.delete(m.id);
    const { papers } = this.opts;
    const { ballotId } = m.receipt;
    const pending = papers.pendingFor(ballotId);
    if (!pending && papers.receipt(ballotId)) return; // a second answer to a resend
    // A sealed paper's receipt is its tracker, which the tablet computed from its own envelope before sending.
    const verified = !pending
      ? null
      : 'envelope' in pending
        ? 'tracker' in m.receipt && m.receipt.tracker === pending.tracker
        : await (this.opts.verify ?? verifyReceipt)(m.receipt, pending.marks);
    this.clear(ballotId);
    const stored = papers.settle(m.receipt, verified, this.opts.now());
    papers.clearProblem(ballotId);
    this.opts.onOutcome({ kind: 'receipt', ballotId, receipt: stored });
  }

  /** Handles an error answering one of our papers; false if the error is not about a paper of ours. */
  error(m: ServerMessageOf<'error'>): boolean {
    const request = m.id ? this.requests.get(m.id) : undefined;
    if (!request || !m.id) return false;
    this.requests.delete(m.id);
    const { papers } = this.opts;
    const { ballotId } = request;
    const pending = papers.pendingFor(ballotId);
    if (!pending) return true; // already settled by an earlier answer
    if (m.code === 'paper_conflict') {
      // The key is taken by another paper (a one-in-2^192 clash): a new key is safe, nothing was recorded.
      const rekeyed = papers.rekey(ballotId);
      if (rekeyed) this.send(rekeyed);
    } else if (m.code === 'not_checked_in') {
      this.clear(ballotId);
      papers.drop(ballotId);
      // Nothing was recorded. A sealed paper's marks were never kept: the deputy marks again after checking in.
      this.opts.onOutcome({ kind: 'notCheckedIn', ballotId, marks: 'marks' in pending ? pending.marks : {} });
    } else if (FINAL_ERRORS.has(m.code)) {
      this.clear(ballotId);
      // A closed ballot refuses even a resend of a paper it already holds, so after an earlier send whose
      // receipt was lost the tablet cannot tell whether that copy counted — and must not claim it did not.
      const uncertain = m.code === 'ballot_not_open' && request.sentBefore;
      const problem: PaperProblem = { code: m.code, message: m.message, ...(uncertain ? { uncertain } : {}) };
      papers.refuse(ballotId, problem);
      this.opts.onOutcome({ kind: 'refused', ballotId, problem });
    } else {
      // internal, rate_limited …: the paper stays in the outbox and goes again shortly.
      this.schedule(ballotId, RETRY_AFTER_ERROR_MS);
    }
    return true;
  }

  private schedule(ballotId: string, delayMs: number): void {
    this.clear(ballotId);
    this.timers.set(
      ballotId,
      setTimeout(() => {
        this.timers.delete(ballotId);
        const paper = this.opts.papers.pendingFor(ballotId);
        if (paper) this.send(paper);
      }, delayMs),
    );
  }

  private clear(ballotId: string): void {
    const timer = this.timers.get(ballotId);
    if (timer) clearTimeout(timer);
    this.timers.delete(ballotId);
  }
}
