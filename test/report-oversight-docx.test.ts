import mammoth from 'mammoth';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { json, makeApp, type TestApp } from './helpers/app.ts';
import { checkInTablets, meetingWithTablets, openBallot, type Setup } from './helpers/factories.ts';

// Issue 12: the 表决结果报告 the scrutineers sign lists the pairings and manual check-ins made after the session
// opened, and the audit log's head after the announcement. The console's printed page had both; the same report
// as Word (.docx, what an office prints and files) had neither. Read back with mammoth (a real .docx reader).
let t: TestApp;
let s: Setup;
let ballotId: string;
let names: Map<string, string>;

beforeAll(async () => {
  t = await makeApp();
  s = await meetingWithTablets(t, 5);
  await checkInTablets(t, s.tokens.slice(0, 4));
  const deputies = json(await t.app.inject({ method: 'GET', url: `/api/meetings/${s.meetingId}/deputies`, headers: { cookie: s.cookie } })).deputies as { id: string; name: string }[];
  names = new Map(deputies.map((d) => [d.id, d.name]));
  ballotId = await openBallot(t, s);
}, 60_000);
afterAll(async () => t?.close());

const post = (url: string, cookie: string, payload: object = {}) => t.app.inject({ method: 'POST', url, payload, headers: { cookie } });

it('the .docx report lists the pairings and manual check-ins after the opening, and prints the audit head', async () => {
  const { cookie: scrutineer } = await t.as('scrutineer');
  // After the opening: a manual check-in for deputy 4 and a re-pairing of deputy 0, each approved by a scrutineer.
  const check = json(await post(`/api/meetings/${s.meetingId}/check-ins`, s.cookie, { deputyId: s.deputyIds[4]! }));
  expect((await post(`/api/approvals/${check.pending.id}/approve`, scrutineer)).statusCode).toBe(200);
  const code = json(await post(`/api/meetings/${s.meetingId}/deputies/${s.deputyIds[0]!}/pairing-code`, s.cookie));
  const approved = json(await post(`/api/approvals/${code.pending.id}/approve`, scrutineer));
  expect((await t.app.inject({ method: 'POST', url: '/api/devices/pair', payload: { code: approved.code } })).statusCode).toBe(200);
  for (const step of ['close', 'announce']) expect((await post(`/api/ballots/${ballotId}/${step}`, s.cookie)).statusCode).toBe(200);
  const { anchor } = json(await t.app.inject({ method: 'GET', url: `/api/ballots/${ballotId}/anchor`, headers: { cookie: s.cookie } }));
  expect(anchor.seq).toBeGreaterThan(0);

  const res = await t.app.inject({ method: 'GET', url: `/api/ballots/${ballotId}/report.docx`, headers: { cookie: s.cookie } });
  expect(res.statusCode).toBe(200);
  const text = (await mammoth.extractRawText({ buffer: res.rawPayload })).value;
  expect(text).toContain('开始表决后的配对与补签到');
  const line = (name: string) => text.split('\n').find((l) => l.includes(name) && /平板配对|手动补签到/.test(l));
  const scrutineerName = approved.approval.decidedBy as string;
  expect(line(names.get(s.deputyIds[0]!)!)).toMatch(new RegExp(`平板配对.*监票人 ${scrutineerName} 确认`));
  expect(line(names.get(s.deputyIds[4]!)!)).toMatch(new RegExp(`手动补签到.*操作人 .*监票人 ${scrutineerName} 确认`));
  expect(line(names.get(s.deputyIds[1]!)!)).toBeUndefined();
  // The check command, its SEQ:HASH whole on a line of its own (never broken mid-hash).
  // (mammoth's raw text drops the line break before it).
  expect(text).toMatch(new RegExp(`npm run audit:verify -- --expect\\s*${anchor.seq}:${anchor.hash}`));
  expect(text.indexOf('审计日志锚点')).toBeLessThan(text.lastIndexOf('监票人')); // before the signature lines
});
