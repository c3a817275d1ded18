import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { checkedInSockets, hallWithTablets, newKey, openHallBallot, randomMarks, seeded } from './helpers/hall.ts';
import { startHallServer, type HallServer } from './helpers/server.ts';

const DEPUTIES = 1000;
let h: HallServer | undefined;
afterAll(async () => h?.close());

/** Spearman's rank correlation of two equally long sequences of distinct values. */
function spearman(a: number[], b: number[]): number {
  const rank = (xs: number[]) => {
    const order = xs.map((x, i) => [x, i] as const).sort((p, q) => p[0] - q[0]);
    const r = new Array<number>(xs.length);
    order.forEach(([, i], k) => (r[i] = k));
    return r;
  };
  const ra = rank(a);
  const rb = rank(b);
  const n = a.length;
  const d2 = ra.reduce((s, r, i) => s + (r - rb[i]!) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

// After a secret ballot nothing stored, logged or exported links a deputy to what they voted, and the
// order of the published papers says nothing about the order in which they were cast.
it('a secret ballot leaves no link between deputy and marks', async () => {
  h = await startHallServer('secret', { env: { LOG_LEVEL: 'debug' } });
  const { server, http, dataDir } = h;
  const hall = await hallWithTablets(http, DEPUTIES);
  const tabs = await checkedInSockets(server.url, hall.tokens);
  const ballotId = await openHallBallot(http, hall.meetingId, {}, tabs);

  // Cast in a known order, in small waves, so that arrival order is well defined.
  const rnd = seeded(5);
  const papers = tabs.map(() => ({ key: newKey(rnd), marks: randomMarks(hall.candidateIds, 10, rnd) }));
  const trackers: string[] = [];
  for (let i = 0; i < DEPUTIES; i += 25) {
    const wave = tabs.slice(i, i + 25).map((t, j) => {
      t.send({ type: 'submitPaper', id: `v${i + j}`, ballotId, ...papers[i + j]! });
      return t.waitFor('receipt', (r) => r.id === `v${i + j}`);
    });
    for (const r of await Promise.all(wave)) trackers.push('tracker' in r.receipt ? r.receipt.tracker : '');
  }
  await http.post(`/api/ballots/${ballotId}/close`);
  const record = (await http.get(`/api/ballots/${ballotId}/record`)).body;
  tabs.forEach((t) => t.close());
  await server.stop();

  // 1. The export: no deputy anywhere; papers in an order unrelated to the casting order.
  const exported = JSON.stringify(record);
  for (const d of hall.deputies) expect(exported.includes(d.id)).toBe(false);
  // A receipt (tracker) names no paper: the i-th paper cast is found by its marks (identical marks take the
  // next free position), so the test can measure what no outsider could.
  const canon = (m: Record<string, string>) => JSON.stringify(Object.keys(m).sort().map((k) => [k, m[k]]));
  const positionsOf = (ids: { marks: Record<string, string> }[]) => {
    const free = new Map<string, number[]>();
    ids.forEach((p, i) => free.set(canon(p.marks), [...(free.get(canon(p.marks)) ?? []), i]));
    return papers.map((p) => free.get(canon(p.marks))!.shift()!);
  };
  const position = positionsOf(record.papers);
  const rho = spearman(papers.map((_, i) => i), position);
  expect(Math.abs(rho)).toBeLessThan(0.1);
  expect(new Set(trackers).size).toBe(DEPUTIES);
  expect([...record.box].sort()).toEqual([...trackers].sort());

  // 2. The database: no row that names a deputy also names a paper (id, digest or the tablet's key), and the
  //    paper table's physical order is as unrelated to arrival as the export's.
  const db = new BetterSqlite3(path.join(dataDir, 'piaojue.db'), { readonly: true });
  const tables = (db.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[]).map((t) => t.name);
  const paperRows = db.prepare('select id, digest, deputy_id from paper where ballot_id = ?').all(ballotId) as { id: string; digest: string; deputy_id: string | null }[];
  expect(paperRows.every((p) => p.deputy_id === null)).toBe(true);
  const paperTokens = new Set([...paperRows.flatMap((p) => [p.id, p.digest]), ...papers.map((p) => p.key), ...trackers]);
  const deputyIds = new Set(hall.deputies.map((d) => d.id));
  const words = (text: string) => text.split(/[^A-Za-z0-9_-]+/);
  let rowsNamingDeputies = 0;
  for (const table of tables) {
    for (const row of db.prepare(`select * from "${table}"`).all() as Record<string, unknown>[]) {
      const w = words(JSON.stringify(row));
      if (!w.some((x) => deputyIds.has(x))) continue;
      rowsNamingDeputies++;
      expect(w.filter((x) => paperTokens.has(x)), `a ${table} row links a deputy to a paper`).toEqual([]);
    }
  }
  expect(rowsNamingDeputies).toBeGreaterThan(DEPUTIES); // the search did look at deputy, cast, check-in… rows
  const physical = (db.prepare('select marks from paper where ballot_id = ?').all(ballotId) as { marks: string }[]).map((r) => ({ marks: JSON.parse(r.marks) as Record<string, string> }));
  expect(Math.abs(spearman(papers.map((_, i) => i), positionsOf(physical)))).toBeLessThan(0.1);
  db.close();

  // 3. The log (at debug level): no paper id, digest or key, so nothing to line up with a deputy.
  const log = server.output();
  expect(log.length).toBeGreaterThan(0);
  expect(words(log).filter((x) => paperTokens.has(x))).toEqual([]);
}, 180_000);
