import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballotRecordV1 } from './helpers/ballot-record.ts';
import { REPO_ROOT, run } from './helpers/process.ts';

// `npm run recount -- FILE` as a scrutineer runs it: the real CLI in a child process, on files on disk.

interface FixtureCandidate {
  seq: number;
  name: string;
}
const fixture = JSON.parse(readFileSync(path.join(REPO_ROOT, 'server/demo/fixtures/qinshui-2023-candidates.json'), 'utf8')) as { candidates: FixtureCandidate[] };
const candidates = fixture.candidates.map((c) => ({ id: `c${c.seq}`, name: c.name }));

// Qinshui 2023: 15 candidates, 10 places, at most 10 赞成 per paper, 180 seated, 171 present, 170 papers returned.
// c11 gets exactly half of the seated (90) and fails; c9 and c10 share rank 9 and both fit in the 10 places.
const FOR = [155, 150, 140, 130, 120, 110, 100, 95, 91, 91, 90, 60, 50, 40, 30];
const VALID = 168;
const AGAINST = 10;

function validPapers(): Record<string, string>[] {
  const papers: Record<string, string>[] = Array.from({ length: VALID }, () => ({}));
  const approvals = new Array<number>(VALID).fill(0);
  candidates.forEach((c, i) => {
    // Spread each candidate's 赞成 over the papers with the fewest so far, so no paper goes over the cap.
    const order = approvals.map((n, p) => ({ n, p })).sort((a, b) => a.n - b.n || a.p - b.p);
    for (const { p } of order.slice(0, FOR[i])) {
      papers[p]![c.id] = 'for';
      approvals[p]! += 1;
    }
    const rest = papers.map((marks, p) => ({ marks, p })).filter(({ marks }) => !(c.id in marks));
    for (const { marks } of rest.slice(0, AGAINST)) marks[c.id] = 'against';
  });
  return papers;
}

function expectedTally() {
  const ranks = [1, 2, 3, 4, 5, 6, 7, 8, 9, 9];
  return {
    papers: { returned: 170, valid: VALID, invalid: 2 },
    notVoted: 1,
    candidates: candidates.map((c, i) => ({
      id: c.id,
      counts: { for: FOR[i], against: AGAINST, abstain: VALID - AGAINST - FOR[i]! },
      passed: i < 10,
      rank: ranks[i] ?? null,
      selected: i < 10,
    })),
    selected: candidates.slice(0, 10).map((c) => c.id),
    tie: null,
    shortfall: 0,
  };
}

function ballotRecord(tally: unknown = expectedTally()) {
  const overCap = Object.fromEntries(candidates.slice(0, 11).map((c) => [c.id, 'for']));
  const marks = [...validPapers(), overCap, { c1: 'for', c99: 'for' }];
  return ballotRecordV1({
    ballot: { id: 'b-2023-1', title: '2023 年县民生实事人大代表票决' },
    rules: { maxApprovals: 10, seats: 10, threshold: 'seated-majority' },
    attendance: { seated: 180, present: 171 },
    candidates,
    papers: marks.map((m, i) => ({ id: `p-${String(i + 1).padStart(3, '0')}`, marks: m })),
    tally,
  });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'piaojue-recount-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

const recount = (...args: string[]) => run(['--import', 'tsx', 'scripts/recount.ts', ...args]);

describe('npm run recount', () => {
  it('prints the tally of a good record and exits 0', async () => {
    const { code, stdout, stderr } = await recount(write('good.json', ballotRecord()));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(`${JSON.stringify(expectedTally(), null, 2)}\n`);
  });

  it('recounts a record that carries no tally', async () => {
    const { tally: _, ...withoutTally } = ballotRecord();
    const { code, stdout } = await recount(write('no-tally.json', withoutTally));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(expectedTally());
  });

  it('exits 1 and lists the differences when the recorded tally is wrong', async () => {
    const wrong = expectedTally();
    wrong.candidates[2]!.counts.for = 141;
    wrong.selected = [...wrong.selected].reverse();
    const { code, stdout, stderr } = await recount(write('wrong.json', ballotRecord(wrong)));
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual(expectedTally());
    expect(stderr).toContain('recorded tally differs');
    expect(stderr).toContain('candidates[c3].counts.for: recorded 141, recount 140');
    expect(stderr).toContain('selected: recorded ["c10","c9",');
  });

  it('exits 2 on duplicate paper ids, naming the duplicate', async () => {
    const record = ballotRecord();
    record.papers[7]!.id = 'p-003';
    const { code, stdout, stderr } = await recount(write('duplicate.json', record));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('papers: duplicate paper id "p-003"');
  });

  it('exits 2 on malformed JSON', async () => {
    const { code, stdout, stderr } = await recount(write('malformed.json', '{"format": "piaojue/ballot-record@1",'));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/is not valid JSON/);
  });

  it('exits 2 on an unknown field', async () => {
    const record = { ...ballotRecord(), exportedBy: 'someone' };
    const { code, stderr } = await recount(write('unknown-field.json', record));
    expect(code).toBe(2);
    expect(stderr).toContain('(record): Unrecognized key: "exportedBy"');
  });

  it('exits 2 with usage when FILE is missing, and when it cannot be read', async () => {
    const usage = await recount();
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage: npm run recount -- FILE/);
    const missing = await recount(path.join(dir, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.json/);
  });
});
