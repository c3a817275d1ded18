import { randomBytes } from 'node:crypto';
import { sealPaper, sealReady } from '../../shared/seal.ts';
import type { WsClient } from './ws.ts';

/**
 * A paper as a tablet sends it for the ballot it was told about: sealed to the ballot's key in a secret ballot
 * (DESIGN §5), plain with a fresh key in a named one. Reads the sealing key from the tablet's `ballot` message.
 */
export async function paperFor(t: WsClient, ballotId: string, marks: Record<string, string>): Promise<{ envelope: string } | { key: string; marks: Record<string, string> }> {
  const m = await t.waitFor('ballot', (b) => b.ballot?.id === ballotId && b.ballot.status === 'open');
  const sealing = m.ballot!.sealing;
  if (!sealing) return { key: randomBytes(16).toString('hex'), marks };
  await sealReady();
  return { envelope: sealPaper({ ballotId, ...sealing }, marks) };
}

/** Casts one paper from a test tablet (sealed when the ballot is secret) and waits for its receipt. */
export async function castPaper(t: WsClient, ballotId: string, marks: Record<string, string>, id: string) {
  t.send({ type: 'submitPaper', id, ballotId, ...(await paperFor(t, ballotId, marks)) });
  return t.waitFor('receipt', (r) => r.id === id);
}
