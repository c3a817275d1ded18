import { describe, expect, it } from 'vitest';
import type { Hall } from './helpers/hall.ts';
import type { Http } from './helpers/http.ts';
import type { ServerProcess } from './helpers/process.ts';
import { useQinshuiServer } from './helpers/server.ts';
import { WsClient } from './helpers/ws.ts';

// Issue 13: between ballots the console switches the hall screen back to attendance (a 'display' message over the
// realtime channel, audited); a projector that reloads lands on the same choice; refused while a ballot is open.
let server: ServerProcess;
let http: Http;
let hall: Hall;
useQinshuiServer('switch', 4, (q) => ({ server, http, hall } = q));

const projector = async (token: string) => {
  const c = await WsClient.connect(server.url);
  c.send({ type: 'hello', role: 'projector', token });
  await c.waitFor('ballot');
  return c;
};

describe('switching the projector', () => {
  it('sends attendance to every projector, survives a reload, is audited, and is refused during a ballot', async () => {
    const display = await http.post(`/api/meetings/${hall.meetingId}/display-tokens`, { label: '主屏' });
    const screen = await projector(display.body.token);
    const switched = await http.post(`/api/meetings/${hall.meetingId}/projector/show`, { show: 'attendance' });
    expect(switched.status).toBe(200);
    expect((await screen.waitFor('display')).show).toBe('attendance');
    const reloaded = await projector(display.body.token);
    expect((await reloaded.waitFor('display')).show).toBe('attendance');
    expect((await http.get(`/api/meetings/${hall.meetingId}/projector/show`)).body.show).toBe('attendance');
    const audit = (await http.get(`/api/audit?meetingId=${hall.meetingId}&action=projector.switched`)).body.events;
    expect(audit.map((e: { detail: { show: string } }) => e.detail.show)).toEqual(['attendance']);
    expect((await http.post(`/api/meetings/${hall.meetingId}/projector/show`, { show: 'results' })).status).toBe(400);

    // Opening a ballot: the hall shows it; switching is refused until it closes; afterwards 'latest' again.
    const tokens: string[] = [];
    for (const d of hall.deputies) {
      const code = (await http.post(`/api/meetings/${hall.meetingId}/deputies/${d.id}/pairing-code`)).body.code;
      const paired = await http.request('POST', '/api/devices/pair', { code }, 'none');
      tokens.push(paired.body.token);
      await http.request('POST', '/api/deputy/check-in', undefined, paired.body.token);
    }
    const b = (await http.post(`/api/meetings/${hall.meetingId}/ballots`, { title: '票决', seats: 10, durationSeconds: 600 })).body.ballot.id;
    expect((await http.post(`/api/ballots/${b}/open`)).status).toBe(200);
    const refused = await http.post(`/api/meetings/${hall.meetingId}/projector/show`, { show: 'attendance' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ballot_state');
    expect((await http.get(`/api/meetings/${hall.meetingId}/projector/show`)).body.show).toBe('latest');
    for (const c of [screen, reloaded]) c.close();
  });
});
