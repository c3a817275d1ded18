import { readFileSync } from 'node:fs';
import { demoRoster, rosterCsv } from '../../server/demo/roster.ts';
import type { Http } from './http.ts';
import { tablet, type WsClient } from './ws.ts';

export const FIXTURES = new URL('../../server/demo/fixtures/', import.meta.url);
export const fixtureText = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
export const TOWNSHIPS: string[] = (JSON.parse(fixtureText('qinshui-2023-candidates.json')) as { townships: string[] }).townships;

/** A seeded generator, so a failing run can be replayed. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random marks within the cap: each candidate for/against/abstain/unmarked, at most `cap` "for". */
export function randomMarks(candidateIds: string[], cap: number, rnd: () => number): Record<string, string> {
  const marks: Record<string, string> = {};
  let approvals = 0;
  for (const id of candidateIds) {
    const r = rnd();
    if (r < 0.6 && approvals < cap) {
      marks[id] = 'for';
      approvals++;
    } else if (r < 0.8) marks[id] = 'against';
    else if (r < 0.9) marks[id] = 'abstain';
  }
  return marks;
}

export function newKey(rnd: () => number): string {
  return Array.from({ length: 32 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(rnd() * 36)]).join('');
}

export interface Hall {
  meetingId: string;
  candidateIds: string[];
  deputies: { id: string; name: string }[];
}

/** Creates the Qinshui meeting over HTTP: fixture CSV candidates and a roster of `deputies`. */
export async function setUpQinshui(http: Http, deputies = 180): Promise<Hall> {
  const meeting = await http.post('/api/meetings', { name: '沁水县第十七届人民代表大会第四次会议', date: '2023-02-21' });
  if (meeting.status !== 201) throw new Error(`meeting: ${JSON.stringify(meeting.body)}`);
  const meetingId: string = meeting.body.meeting.id;
  const cands = await http.post(`/api/meetings/${meetingId}/candidates/import`, { csv: fixtureText('qinshui-2023-candidates.csv') });
  if (cands.status !== 201) throw new Error(`candidates: ${JSON.stringify(cands.body)}`);
  const roster = await http.post(`/api/meetings/${meetingId}/deputies/import`, { csv: rosterCsv(demoRoster(TOWNSHIPS, deputies)) });
  if (roster.status !== 201) throw new Error(`roster: ${JSON.stringify(roster.body)}`);
  const list = await http.get(`/api/meetings/${meetingId}/deputies`);
  return {
    meetingId,
    candidateIds: (cands.body.candidates as { id: string }[]).map((c) => c.id),
    deputies: list.body.deputies as { id: string; name: string }[],
  };
}

/**
 * Pairs a tablet for each deputy (pairing code from the console, then the tablet's pair call); returns the
 * device tokens in deputyIds order. `concurrency` deputies at a time (default one by one).
 */
export async function pairTablets(http: Http, meetingId: string, deputyIds: string[], opts: { concurrency?: number } = {}): Promise<string[]> {
  const pairOne = async (id: string) => {
    const code = await http.post(`/api/meetings/${meetingId}/deputies/${id}/pairing-code`);
    if (code.status !== 201) throw new Error(`pairing code: ${JSON.stringify(code.body)}`);
    const paired = await http.request('POST', '/api/devices/pair', { code: code.body.code }, 'none');
    if (paired.status !== 200) throw new Error(`pair: ${JSON.stringify(paired.body)}`);
    return paired.body.token as string;
  };
  const step = opts.concurrency ?? 1;
  const tokens: string[] = [];
  for (let i = 0; i < deputyIds.length; i += step) tokens.push(...(await Promise.all(deputyIds.slice(i, i + step).map(pairOne))));
  return tokens;
}

/** The Qinshui hall with a paired tablet for every deputy. */
export async function hallWithTablets(http: Http, deputies: number, opts: { concurrency?: number } = {}): Promise<Hall & { tokens: string[] }> {
  const hall = await setUpQinshui(http, deputies);
  return { ...hall, tokens: await pairTablets(http, hall.meetingId, hall.deputies.map((d) => d.id), opts) };
}

/** A socket per token (hello sent), each checked in (`checkIn` ids c0, c1, …) and its `checkedIn` awaited. */
export async function checkedInSockets(url: string, tokens: string[]): Promise<WsClient[]> {
  const tabs = await Promise.all(tokens.map((t) => tablet(url, t)));
  tabs.forEach((t, i) => t.send({ type: 'checkIn', id: `c${i}` }));
  await Promise.all(tabs.map((t) => t.waitFor('checkedIn')));
  return tabs;
}

/**
 * Creates a 10-of-15 ballot (`body` overrides: durationSeconds, secret…) and opens it over HTTP; with `tabs`,
 * waits until each socket has been told of it. Returns the ballot id; throws on any refusal.
 */
export async function openHallBallot(http: Http, meetingId: string, body: Record<string, unknown> = {}, tabs: WsClient[] = []): Promise<string> {
  const created = await http.post(`/api/meetings/${meetingId}/ballots`, { title: '票决', seats: 10, durationSeconds: 3600, ...body });
  if (created.status !== 201) throw new Error(`ballot: ${JSON.stringify(created.body)}`);
  const ballotId = created.body.ballot.id as string;
  const opened = await http.post(`/api/ballots/${ballotId}/open`);
  if (opened.status !== 200) throw new Error(`open: ${JSON.stringify(opened.body)}`);
  await Promise.all(tabs.map((t) => t.waitFor('ballot', (m) => m.ballot?.id === ballotId)));
  return ballotId;
}
