import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { newKey, pairTablets, randomMarks, seeded, setUpQinshui } from './helpers/hall.ts';
import { Http } from './helpers/http.ts';
import { startServer, type ServerProcess } from './helpers/process.ts';
import { sealedRecordProblems } from './helpers/sealed.ts';

// Native libsodium (sodium-native, server/ballots/envelope-open.ts) ships prebuilt binaries for a few platforms
// and builds none itself: on musl (Alpine), 32-bit ARM and others it does not load, while better-sqlite3 builds
// from source and runs. The server must still start, say in its log that it opens envelopes with the WebAssembly
// build, and open every acknowledged envelope of a secret ballot (DESIGN §5): nothing lost, nothing twice.

const HOOK = fileURLToPath(new URL('./fixtures/no-native-sodium.mjs', import.meta.url));
const DEPUTIES = 8;
let server: ServerProcess | undefined;
let dataDir: string | undefined;
afterAll(async () => {
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

it('without sodium-native the server starts, logs the fallback, and a secret ballot counts every envelope once', async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'piaojue-no-native-'));
  server = await startServer({ dataDir, env: { NODE_OPTIONS: `--import ${HOOK}` } });
  expect(server.output()).toMatch(/sodium-native.*did not load/);
  const http = new Http(server.url);
  await http.login('admin', 'test-admin-password');
  const h = await setUpQinshui(http, DEPUTIES);
  const tokens = await pairTablets(http, h.meetingId, h.deputies.map((d) => d.id));
  for (const t of tokens) expect((await http.post('/api/deputy/check-in', {}, t)).status).toBe(201);
  const ballotId = (await http.post(`/api/meetings/${h.meetingId}/ballots`, { title: '票决', seats: 10, durationSeconds: 3600 })).body.ballot.id as string;
  expect((await http.post(`/api/ballots/${ballotId}/open`)).status).toBe(200);
  const rnd = seeded(7);
  const papers = tokens.map(() => ({ key: newKey(rnd), marks: randomMarks(h.candidateIds, 10, rnd) }));
  const receipts = await Promise.all(
    papers.map(async (p, i) => {
      const r = await http.post(`/api/deputy/ballots/${ballotId}/papers`, p, tokens[i]);
      expect(r.status).toBe(201);
      return r.body.receipt as { ballotId: string; tracker?: string };
    }),
  );
  expect((await http.post(`/api/ballots/${ballotId}/close`)).status).toBe(200);
  const record = (await http.get(`/api/ballots/${ballotId}/record`)).body;
  expect(record.papers).toHaveLength(DEPUTIES);
  expect(sealedRecordProblems(record, receipts, papers.map((p) => p.marks))).toEqual([]);
  expect(server.output()).not.toMatch(/opener thread stopped/);
}, 180_000);
