import { expect } from 'vitest';
import type { TestApp } from './app.ts';
import { openBallot, submitPaper, type Setup } from './factories.ts';

/** 赞成 per candidate (in ballot order) for a 15 选 10 with 8 of 9 voting: ten pass, the rest get none. */
export const EIGHT_OF_NINE = [8, 8, 7, 7, 6, 6, 5, 5, 5, 5, 0, 0, 0, 0, 0];

/**
 * Opens a 15 选 10 ballot, has the first `votesFor[0]` deputies vote (candidate k gets 赞成 from deputies
 * 0..votesFor[k]-1; the last five get 反对 from three and 弃权 from the rest), closes and announces it — which
 * promotes the ten selected to tracked projects of the meeting's year. Returns the ballot id.
 */
export async function announcedBallot(t: TestApp, s: Setup, title: string, votesFor = EIGHT_OF_NINE): Promise<string> {
  const ballotId = await openBallot(t, s, { title, seats: 10 });
  const voters = Math.max(...votesFor);
  for (let i = 0; i < voters; i++) {
    const marks = Object.fromEntries(s.candidateIds.map((c, k) => [c, i < votesFor[k]! ? 'for' : k >= 10 && i < 3 ? 'against' : 'abstain']));
    const res = await submitPaper(t, s.tokens[i]!, ballotId, { key: `key-announced-${String(i).padStart(12, '0')}`, marks });
    expect(res.statusCode, res.body).toBe(201);
  }
  const post = (url: string) => t.app.inject({ method: 'POST', url, payload: {}, headers: { cookie: s.cookie } });
  expect((await post(`/api/ballots/${ballotId}/close`)).statusCode).toBe(200);
  expect((await post(`/api/ballots/${ballotId}/announce`)).statusCode).toBe(200);
  return ballotId;
}
