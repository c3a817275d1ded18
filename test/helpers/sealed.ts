import { randomBytes } from 'node:crypto';
import { sealPaper, sealReady } from '../../shared/seal.ts';
import type { ServerMessage } from '../../shared/ws.ts';
import type { WsClient } from './ws.ts';

// Test tablets seal their papers as the real tablet does (DESIGN §5). A test writes a paper as {key, marks};
// for a secret ballot the test clients turn it into the envelope a tablet would send, the same envelope for the
// same key every time (a resend after a reconnect is byte-identical, as the tablet's outbox makes it).

type Sealing = { publicKey: string; plaintextLength: number };
const sealings = new Map<string, Sealing>();
const envelopes = new Map<string, string>();

/** Remembers what an open secret ballot seals to, from any `ballot` message a test client receives. */
export function learnSealing(m: ServerMessage): void {
  if (m.type === 'ballot' && m.ballot?.sealing) sealings.set(m.ballot.id, m.ballot.sealing);
}

/** Remembers a ballot's sealing key directly (HTTP tests read it from the ballot's presenter). */
export function rememberSealing(ballotId: string, sealing: Sealing | null | undefined): void {
  if (sealing) sealings.set(ballotId, sealing);
}

export const sealingOf = (ballotId: string): Sealing | undefined => sealings.get(ballotId);

/**
 * The paper a tablet would send: sealed (cached per key) when the ballot is a sealed one this process has seen,
 * else as given. Anything not shaped like {key, marks of strings} is sent as given (hostile-input tests).
 */
export function asSent(ballotId: string, paper: Record<string, unknown>): Record<string, unknown> {
  const sealing = sealings.get(ballotId);
  const { key, marks, ...rest } = paper;
  const plain =
    typeof key === 'string' && /^[A-Za-z0-9_-]{16,128}$/.test(key) && typeof marks === 'object' && marks !== null && Object.values(marks).every((v) => typeof v === 'string');
  if (!sealing || !plain || Object.keys(rest).length > 0) return paper;
  // The same key and marks: the same envelope (a resend); other marks under the same key: another paper.
  const cacheKey = `${ballotId}\n${key}\n${JSON.stringify(Object.entries(marks as Record<string, string>).sort())}`;
  let envelope = envelopes.get(cacheKey);
  if (!envelope) {
    envelope = sealPaper({ ballotId, ...sealing }, marks as Record<string, string>);
    envelopes.set(cacheKey, envelope);
  }
  return { envelope };
}


export { sealReady };

/** Casts one paper from a test tablet (sealed when the ballot is secret) and waits for its receipt. */
export async function castPaper(t: WsClient, ballotId: string, marks: Record<string, string>, id: string) {
  await t.waitFor('ballot', (b) => b.ballot?.id === ballotId && b.ballot.status === 'open');
  t.send({ type: 'submitPaper', id, ballotId, key: randomBytes(16).toString('hex'), marks });
  return t.waitFor('receipt', (r) => r.id === id);
}

/**
 * What a secret ballot's record must show for the papers a test sent: every receipt's tracker in the box, the box
 * as large as the papers, and the papers' marks exactly the marks sent (as a multiset: nothing links them).
 * Returns the problems found (empty: all counted once).
 */
export function sealedRecordProblems(
  record: { box?: string[]; papers: { marks: Record<string, string>; source?: string }[] },
  receipts: { ballotId: string; tracker?: string }[],
  sent: Record<string, string>[],
): string[] {
  const problems: string[] = [];
  const box = new Set(record.box ?? []);
  if (!record.box) problems.push('the record has no box');
  for (const r of receipts) if (!r.tracker || !box.has(r.tracker)) problems.push(`receipt ${r.tracker ?? '(none)'} not in the box`);
  if (box.size !== record.papers.length) problems.push(`box ${box.size} vs ${record.papers.length} papers`);
  const canon = (m: Record<string, string>) => JSON.stringify(Object.keys(m).sort().map((k) => [k, m[k]]));
  const count = (ms: Record<string, string>[]) => ms.map(canon).sort();
  const a = count(record.papers.map((p) => p.marks));
  const b = count(sent);
  if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`the record's marks differ from those sent (${a.length} vs ${b.length})`);
  return problems;
}
