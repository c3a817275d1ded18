import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKey, pairTablets, randomMarks, seeded, setUpQinshui, type Hall } from './helpers/hall.ts';
import { Http } from './helpers/http.ts';
import { startServer, type ServerProcess } from './helpers/process.ts';
import { tablet } from './helpers/ws.ts';

// Issue 12, "operators can vote as absent deputies": issue a code, pair, check in, vote. Against a real server
// process over HTTP: once the session has opened, re-pairing a deputy who had a tablet and a manual check-in wait
// for a scrutineer; a first pairing after the opening goes through but is listed for the report; pairing a new
// tablet revokes the old one (its socket closes); the console lists every device and voids unused codes.
let dir: string;
let server: ServerProcess;
let operator: Http;
let scrutineer: Http;
let hall: Hall;
let tokens: string[];
let ballotId: string;
let heldCode: string;
const rnd = seeded(12);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'piaojue-one-tablet-'));
  server = await startServer({ dataDir: path.join(dir, 'data') });
  operator = new Http(server.url);
  await operator.login('admin', 'test-admin-password');
  hall = await setUpQinshui(operator, 6);
  // Deputies 0–3 pair and check in before the session; 4 and 5 are absent and never pair.
  tokens = await pairTablets(operator, hall.meetingId, hall.deputies.slice(0, 4).map((d) => d.id));
  for (const token of tokens) expect((await operator.request('POST', '/api/deputy/check-in', undefined, token)).status).toBe(201);
  // An operator issues a second code for deputy 3 (who has a tablet) before the opening, and keeps it. (the replacement chosen explicitly: issue 13)
  heldCode = (await operator.post(`/api/meetings/${hall.meetingId}/deputies/${hall.deputies[3]!.id}/pairing-code`, { replace: true })).body.code;
  expect(heldCode).toMatch(/^\d{8}$/);
  await operator.post('/api/accounts', { username: 'jianpiao1', password: 'jianpiao1-password', role: 'scrutineer' });
  scrutineer = new Http(server.url);
  await scrutineer.login('jianpiao1', 'jianpiao1-password');
  const created = await operator.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '票决', seats: 10, durationSeconds: 1800 });
  ballotId = created.body.ballot.id;
  expect((await operator.post(`/api/ballots/${ballotId}/open`)).status).toBe(200);
}, 60_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const vote = (token: string) =>
  operator.request('POST', `/api/deputy/ballots/${ballotId}/papers`, { key: newKey(rnd), marks: randomMarks(hall.candidateIds, 10, rnd) }, token);
const pair = (code: string) => operator.request('POST', '/api/devices/pair', { code }, 'none');

describe('after the session opened', () => {
  it('re-pairing a deputy who had a tablet waits for a scrutineer: the operator gets no code and cannot vote', async () => {
    const deputy = hall.deputies[1]!;
    const asked = await operator.post(`/api/meetings/${hall.meetingId}/deputies/${deputy.id}/pairing-code`);
    expect(asked.status).toBe(202);
    expect(asked.body.code).toBeUndefined();
    expect(asked.body.pending).toMatchObject({ kind: 'pairing_code', deputyId: deputy.id, status: 'pending', requestedBy: 'admin' });
    // Asking again answers the same pending request; an operator cannot approve it.
    const again = await operator.post(`/api/meetings/${hall.meetingId}/deputies/${deputy.id}/pairing-code`);
    expect(again.body.pending.id).toBe(asked.body.pending.id);
    expect((await operator.post(`/api/approvals/${asked.body.pending.id}/approve`)).status).toBe(403);
    // Refused: nothing was issued.
    const refused = await scrutineer.post(`/api/approvals/${asked.body.pending.id}/refuse`);
    expect(refused.body.approval).toMatchObject({ status: 'refused', decidedBy: 'jianpiao1' });
    expect((await scrutineer.post(`/api/approvals/${asked.body.pending.id}/approve`)).status).toBe(409);
    const devices = (await operator.get(`/api/meetings/${hall.meetingId}/devices`)).body.devices as { deputyId: string; state: string }[];
    expect(devices.filter((d) => d.deputyId === deputy.id).map((d) => d.state)).toEqual(['paired']);
  });

  it('a manual check-in waits for a scrutineer; approved, it is recorded with both names', async () => {
    const deputy = hall.deputies[4]!;
    const asked = await operator.post(`/api/meetings/${hall.meetingId}/check-ins`, { deputyId: deputy.id, note: '平板没电' });
    expect(asked.status).toBe(202);
    expect(asked.body.pending).toMatchObject({ kind: 'manual_check_in', deputyId: deputy.id });
    expect(asked.body.attendance.present).toBe(4);
    const pending = await scrutineer.get(`/api/meetings/${hall.meetingId}/approvals?status=pending`);
    expect(pending.body.approvals.map((a: { id: string }) => a.id)).toEqual([asked.body.pending.id]);
    const approved = await scrutineer.post(`/api/approvals/${asked.body.pending.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.checkIn.already).toBe(false);
    expect((await operator.get(`/api/meetings/${hall.meetingId}/attendance`)).body.present).toBe(5);
    const audit = (await scrutineer.get(`/api/audit?meetingId=${hall.meetingId}&action=check_in.manual`)).body.events;
    expect(audit.at(-1)).toMatchObject({ actor: 'staff:admin', detail: { deputyName: deputy.name, approvedBy: 'jianpiao1', note: '平板没电' } });
  });

  it('approved, a re-pairing revokes the old tablet (its socket closes) and the console lists both', async () => {
    const deputy = hall.deputies[2]!;
    const old = await tablet(server.url, tokens[2]!);
    const asked = await operator.post(`/api/meetings/${hall.meetingId}/deputies/${deputy.id}/pairing-code`);
    const approved = await scrutineer.post(`/api/approvals/${asked.body.pending.id}/approve`);
    expect(approved.body.code).toMatch(/^\d{8}$/);
    const paired = await pair(approved.body.code);
    expect(paired.status).toBe(200);
    expect((await old.whenClosed()).code).toBe(4401);
    expect((await operator.request('GET', '/api/deputy/me', undefined, tokens[2]!)).status).toBe(401);
    const devices = (await operator.get(`/api/meetings/${hall.meetingId}/devices`)).body.devices as { id: string; deputyId: string; state: string; approvedBy: string | null }[];
    expect(devices.filter((d) => d.deputyId === deputy.id).map((d) => [d.state, d.approvedBy])).toEqual([
      ['revoked', null],
      ['paired', 'jianpiao1'],
    ]);
    const audit = (await scrutineer.get(`/api/audit?meetingId=${hall.meetingId}&action=device.revoked`)).body.events;
    expect(audit.at(-1).detail).toMatchObject({ reason: 'replaced', replacedBy: paired.body.deviceId });
    // The console revokes the new one too.
    expect((await operator.post(`/api/devices/${paired.body.deviceId}/revoke`)).status).toBe(200);
    expect((await operator.request('GET', '/api/deputy/me', undefined, paired.body.token)).status).toBe(401);
  });

  it('a code issued before the opening does not re-pair a deputy after it: voided, audited, the old tablet stays', async () => {
    const deputy = hall.deputies[3]!;
    const res = await pair(heldCode);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('pairing_code_invalid');
    expect((await operator.request('GET', '/api/deputy/me', undefined, tokens[3]!)).status).toBe(200);
    expect((await pair(heldCode)).status).toBe(409);
    const devices = (await operator.get(`/api/meetings/${hall.meetingId}/devices`)).body.devices as { deputyId: string; state: string }[];
    expect(devices.filter((d) => d.deputyId === deputy.id).map((d) => d.state)).toEqual(['paired']);
    const audit = (await scrutineer.get(`/api/audit?meetingId=${hall.meetingId}&action=device.code_voided`)).body.events;
    expect(audit).toEqual([expect.objectContaining({ detail: expect.objectContaining({ deputyId: deputy.id, reason: 'approval_required' }) })]);
    // The way that remains is the second person's.
    expect((await operator.post(`/api/meetings/${hall.meetingId}/deputies/${deputy.id}/pairing-code`)).status).toBe(202);
  });

  it('the whole sequence for an absent deputy who never paired goes through only in plain sight of the report', async () => {
    const deputy = hall.deputies[5]!;
    const issued = await operator.post(`/api/meetings/${hall.meetingId}/deputies/${deputy.id}/pairing-code`);
    expect(issued.status).toBe(201);
    const paired = await pair(issued.body.code);
    expect((await operator.request('POST', '/api/deputy/check-in', undefined, paired.body.token)).status).toBe(201);
    expect((await vote(paired.body.token)).status).toBe(201);
    const report = await scrutineer.get(`/api/meetings/${hall.meetingId}/after-opening`);
    expect(report.body.pairings.map((p: { deputyName: string; approvedBy: string | null }) => [p.deputyName, p.approvedBy])).toEqual([
      [hall.deputies[2]!.name, 'jianpiao1'],
      [deputy.name, null],
    ]);
    expect(report.body.manualCheckIns).toEqual([expect.objectContaining({ deputyName: hall.deputies[4]!.name, by: 'admin', approvedBy: 'jianpiao1' })]);
  });

  it('every unused code is voided in one audited action', async () => {
    const before = await operator.post(`/api/meetings/${hall.meetingId}/deputies/${hall.deputies[5]!.id}/pairing-code`);
    // Deputy 5 has paired now: after the opening that is a re-pairing, pending.
    expect(before.status).toBe(202);
    const approved = await scrutineer.post(`/api/approvals/${before.body.pending.id}/approve`);
    const voided = await operator.post(`/api/meetings/${hall.meetingId}/pairing-codes/void`);
    expect(voided.body).toEqual({ voided: 1 });
    const res = await pair(approved.body.code);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('pairing_code_invalid');
    const audit = (await scrutineer.get(`/api/audit?meetingId=${hall.meetingId}&action=device.codes_voided`)).body.events;
    expect(audit).toEqual([expect.objectContaining({ actor: 'staff:admin', detail: { count: 1 } })]);
  });

  it('a scrutineer account an admin made or reset after the opening cannot confirm: the admin knows its password', async () => {
    const deputy = hall.deputies[1]!;
    const asked = await operator.post(`/api/meetings/${hall.meetingId}/deputies/${deputy.id}/pairing-code`);
    expect(asked.status).toBe(202);
    const approvalId = asked.body.pending.id as string;
    // A new scrutineer account, made by the admin now.
    expect((await operator.post('/api/accounts', { username: 'jianpiao2', password: 'jianpiao2-password', role: 'scrutineer' })).status).toBe(201);
    const minted = new Http(server.url);
    await minted.login('jianpiao2', 'jianpiao2-password');
    const byMinted = await minted.post(`/api/approvals/${approvalId}/approve`);
    expect(byMinted.status).toBe(409);
    expect(byMinted.body.error.code).toBe('approver_untrusted');
    // The real scrutineer's password, reset by the admin, then changed as the one-time password demands.
    const accounts = (await operator.get('/api/accounts')).body.accounts as { id: string; username: string }[];
    const reset = await operator.post(`/api/accounts/${accounts.find((a) => a.username === 'jianpiao1')!.id}/password-reset`);
    const taken = new Http(server.url);
    await taken.login('jianpiao1', reset.body.password);
    expect((await taken.post('/api/password', { currentPassword: reset.body.password, newPassword: 'chosen-by-admin-1' })).status).toBe(200);
    const byTaken = await taken.post(`/api/approvals/${approvalId}/approve`);
    expect(byTaken.status).toBe(409);
    expect(byTaken.body.error.code).toBe('approver_untrusted');
    // Nothing was carried out: the request still waits, no code was issued, the deputy's tablet is as it was.
    const pending = (await taken.get(`/api/meetings/${hall.meetingId}/approvals?status=pending`)).body.approvals as { id: string }[];
    expect(pending.map((a) => a.id)).toContain(approvalId);
    const devices = (await operator.get(`/api/meetings/${hall.meetingId}/devices`)).body.devices as { deputyId: string; state: string }[];
    expect(devices.filter((d) => d.deputyId === deputy.id).map((d) => d.state)).toEqual(['paired']);
    // Refusing is always open to them: it carries nothing out.
    expect((await taken.post(`/api/approvals/${approvalId}/refuse`)).status).toBe(200);
  });
});
