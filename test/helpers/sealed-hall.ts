import { newKeyPair, sealReady } from '../../shared/seal.ts';
import { hallWithTablets, newKey, randomMarks, seeded, type Hall } from './hall.ts';
import type { Http } from './http.ts';

// A real (not training) meeting for the secret-ballot tests that drive a server process over HTTP (DESIGN §5):
// the chief scrutineer's key set, every deputy's tablet paired, and the papers those tablets send.

/** A test tablet's paper: its idempotency key and its marks (sealed by the Http helper on the way out). */
export type SentPaper = {
  key: string;
  marks: Record<string, string>;
};

/** A paper's receipt as the server answers it (a sealed paper's carries the tracker found in the box). */
export interface PaperReceipt {
  ballotId: string;
  tracker?: string;
}

/**
 * The Qinshui meeting of `deputies` deputies as a real meeting: the console's scrutineer key pair is made here and
 * its public half set on the meeting (the secret half is what the recovery sheet prints; without it the meeting
 * is a training one whose ballot keys are escrowed to a file in the data directory), and a tablet is paired for
 * every deputy (tokens in roster order; none checked in). Throws if the server refuses the key.
 */
export async function sealedHall(http: Http, deputies: number): Promise<Hall & { tokens: string[]; scrutineer: ReturnType<typeof newKeyPair> }> {
  const hall = await hallWithTablets(http, deputies);
  await sealReady();
  const scrutineer = newKeyPair();
  const set = await http.request('PUT', `/api/meetings/${hall.meetingId}/scrutineer-key`, { publicKey: scrutineer.publicKey });
  if (set.status !== 200) throw new Error(`scrutineer key: ${JSON.stringify(set.body)}`);
  return { ...hall, scrutineer };
}

/** One paper per token, in order: a fresh key and up to 10 赞成 among `candidateIds`, drawn from `seed`. */
export function randomPapers(tokens: string[], candidateIds: string[], seed: number): SentPaper[] {
  const rnd = seeded(seed);
  return tokens.map(() => ({ key: newKey(rnd), marks: randomMarks(candidateIds, 10, rnd) }));
}

/**
 * Sends papers[i] from tokens[i] for i in [from, to) over HTTP, one after the other; returns their receipts in
 * that order. Throws, naming the paper, unless each is acknowledged as new (201).
 */
export async function sendPapers(http: Http, ballotId: string, papers: SentPaper[], tokens: string[], from = 0, to = papers.length): Promise<PaperReceipt[]> {
  const receipts: PaperReceipt[] = [];
  for (let i = from; i < to; i++) {
    const r = await http.post(`/api/deputy/ballots/${ballotId}/papers`, papers[i], tokens[i]);
    if (r.status !== 201) throw new Error(`paper ${i}: ${r.status} ${JSON.stringify(r.body)}`);
    receipts.push(r.body.receipt as PaperReceipt);
  }
  return receipts;
}
