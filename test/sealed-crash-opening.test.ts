import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { openHallBallot } from './helpers/hall.ts';
import { asSent, sealedRecordProblems } from './helpers/sealed.ts';
import { randomPapers, sealedHall, sendPapers } from './helpers/sealed-hall.ts';
import { useServerProcesses } from './helpers/server.ts';

// DESIGN §5: after the opening "nothing on disk links a deputy to marks". kill -9 right after the opening
// committed, before the WAL is truncated: the WAL still holds every envelope's commit (one new cast, one new
// envelope) and the page with the ballot key sealed to the scrutineer — whoever later holds the recovery sheet
// (or, in a training meeting, the escrow key file) could open them and pair each deputy with marks. The restart
// must truncate the WAL before anything else, and every acknowledged envelope is counted once.

const DEPUTIES = 12;
const servers = useServerProcesses('opening-crash');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

it('kill -9 after the opening committed, before the WAL truncation: the restart leaves no envelope on disk', async () => {
  const dataDir = servers.dataDir();
  let { server, http } = await servers.start(dataDir, { PIAOJUE_FAULT: 'opening-after-commit:1' });
  const h = await sealedHall(http, DEPUTIES);
  const { tokens } = h;
  for (const t of tokens) await http.post('/api/deputy/check-in', {}, t);
  const ballotId = await openHallBallot(http, h.meetingId);
  const papers = randomPapers(tokens, h.candidateIds, 31);
  const receipts = await sendPapers(http, ballotId, papers, tokens);
  // The envelopes as sent (the helper seals each paper once and sends the same bytes again).
  const envelopes = papers.map((p) => Buffer.from(String(asSent(ballotId, p).envelope), 'base64'));
  const wal = path.join(dataDir, 'piaojue.db-wal');

  await http.post(`/api/ballots/${ballotId}/close`).catch(() => null); // the process dies after the commit
  await server.kill9();
  // The crash left the envelopes in the WAL (what the fix must clear at the next start).
  const leftover = existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0);
  expect(envelopes.filter((e) => leftover.includes(e)).length, 'the crash point is after the opening, before the truncation').toBeGreaterThan(0);

  ({ server, http } = await servers.start(dataDir));
  // No file of the data directory holds an envelope any more: the database zeroed them, the WAL is truncated.
  for (const file of filesUnder(dataDir)) {
    const bytes = readFileSync(file);
    expect(envelopes.filter((e) => bytes.includes(e)).length, `${path.relative(dataDir, file)} holds envelopes`).toBe(0);
  }
  // And the opening counted every acknowledged envelope once.
  const ballot = (await http.get(`/api/ballots/${ballotId}`)).body.ballot;
  expect(ballot).toMatchObject({ status: 'closed', openingPending: false });
  const record = (await http.get(`/api/ballots/${ballotId}/record`)).body;
  expect(sealedRecordProblems(record, receipts, papers.map((p) => p.marks))).toEqual([]);
}, 180_000);
