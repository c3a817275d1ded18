import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { newKey, pairTablets, randomMarks, seeded, type Hall } from './helpers/hall.ts';
import { Http } from './helpers/http.ts';
import type { ServerProcess } from './helpers/process.ts';
import { useQinshuiServer } from './helpers/server.ts';
import { tablet } from './helpers/ws.ts';

// Issue 13, the 平板 screen's API (GET …/tablets): per deputy the code issued and not yet used (still there after
// a reload: kept sealed under the server secret, never bare), the paired tablet, online now, checked in, voted in
// the open ballot (only that); a second tablet for a paired deputy only on an explicit choice (replace: true).
let dataDir: string;
let server: ServerProcess;
let http: Http;
let hall: Hall;
const rnd = seeded(13);

interface Row { deputyId: string; code: { code: string } | null; paired: { deviceId: string; pairedAt: number } | null; online: boolean; checkedIn: boolean; voted: boolean | null }
const rows = async () => {
  const res = await http.get(`/api/meetings/${hall.meetingId}/tablets`);
  expect(res.status).toBe(200);
  return new Map((res.body.tablets as Row[]).map((r) => [r.deputyId, r]));
};

useQinshuiServer('tablets', 4, (q) => ({ dataDir, server, http, hall } = q));

describe('the tablets screen', () => {
  it('lists the codes issued and not yet used after a reload; the database keeps none of them bare', async () => {
    const issued = [];
    for (const d of hall.deputies.slice(0, 3)) issued.push((await http.post(`/api/meetings/${hall.meetingId}/deputies/${d.id}/pairing-code`)).body.code as string);
    const listed = await rows();
    expect(hall.deputies.slice(0, 3).map((d) => listed.get(d.id)!.code?.code)).toEqual(issued);
    expect(listed.get(hall.deputies[3]!.id)!.code).toBeNull();
    const sqlite = new Database(path.join(dataDir, 'piaojue.db'), { readonly: true });
    try {
      const dump = JSON.stringify(sqlite.prepare('select * from device').all());
      for (const code of issued) expect(dump).not.toContain(code);
    } finally {
      sqlite.close();
    }
    const files = ['piaojue.db', 'piaojue.db-wal'].map((f) => { try { return readFileSync(path.join(dataDir, f)); } catch { return Buffer.alloc(0); } });
    for (const code of issued) for (const bytes of files) expect(bytes.includes(Buffer.from(code))).toBe(false);
    // A scrutineer sees no codes.
    await http.post('/api/accounts', { username: 'jp13', password: 'jp13-password-long', role: 'scrutineer' });
    const scrutineer = new Http(server.url);
    await scrutineer.login('jp13', 'jp13-password-long');
    expect((await scrutineer.get(`/api/meetings/${hall.meetingId}/tablets`)).status).toBe(403);
  });

  it('shows paired (when, which device), online, checked in; a second tablet needs replace: true', async () => {
    const d = hall.deputies[0]!;
    const code = (await rows()).get(d.id)!.code!.code;
    const paired = await http.request('POST', '/api/devices/pair', { code }, 'none');
    expect(paired.status).toBe(200);
    let row = (await rows()).get(d.id)!;
    expect(row).toMatchObject({ code: null, paired: { deviceId: paired.body.deviceId }, online: false, checkedIn: false, voted: null });
    const socket = await tablet(server.url, paired.body.token);
    expect((await http.request('POST', '/api/deputy/check-in', undefined, paired.body.token)).status).toBe(201);
    row = (await rows()).get(d.id)!;
    expect(row).toMatchObject({ online: true, checkedIn: true });
    const refused = await http.post(`/api/meetings/${hall.meetingId}/deputies/${d.id}/pairing-code`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('already_paired');
    expect((await rows()).get(d.id)!.code).toBeNull();
    const replaced = await http.post(`/api/meetings/${hall.meetingId}/deputies/${d.id}/pairing-code`, { replace: true });
    expect(replaced.status).toBe(201);
    expect((await rows()).get(d.id)!).toMatchObject({ code: { code: replaced.body.code }, paired: { deviceId: paired.body.deviceId } });
    // Revoked (a lost tablet): no longer paired nor online; its socket closes.
    expect((await http.post(`/api/devices/${paired.body.deviceId}/revoke`)).status).toBe(200);
    expect((await socket.whenClosed()).code).toBe(4401);
    expect((await rows()).get(d.id)!).toMatchObject({ paired: null, online: false });
    // Pairing clears the sealed code: the screen no longer shows it.
    const again = await http.request('POST', '/api/devices/pair', { code: replaced.body.code }, 'none');
    expect(again.status).toBe(200);
    expect((await rows()).get(d.id)!.code).toBeNull();
  });

  it('says who voted in the open ballot and nothing of how', async () => {
    const [t1, t2] = await pairTablets(http, hall.meetingId, [hall.deputies[1]!.id, hall.deputies[2]!.id]);
    for (const token of [t1!, t2!]) await http.request('POST', '/api/deputy/check-in', undefined, token);
    const created = await http.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '票决', seats: 10, durationSeconds: 600 });
    const ballotId = created.body.ballot.id as string;
    expect((await http.post(`/api/ballots/${ballotId}/open`)).status).toBe(200);
    expect((await http.request('POST', `/api/deputy/ballots/${ballotId}/papers`, { key: newKey(rnd), marks: randomMarks(hall.candidateIds, 10, rnd) }, t1!)).status).toBe(201);
    const res = await http.get(`/api/meetings/${hall.meetingId}/tablets`);
    const byId = new Map((res.body.tablets as Row[]).map((r) => [r.deputyId, r]));
    expect(byId.get(hall.deputies[1]!.id)!.voted).toBe(true);
    expect(byId.get(hall.deputies[2]!.id)!.voted).toBe(false);
    const text = JSON.stringify(res.body);
    for (const c of hall.candidateIds) expect(text).not.toContain(c);
    expect(text).not.toMatch(/for|against|abstain|marks/);
  });
});
