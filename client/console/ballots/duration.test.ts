import { describe, expect, it } from 'vitest';
import { CATALOGUES, fill, type Params } from '../../i18n/catalogue.ts';
import type { T } from '../useT.ts';
import { ballotDuration } from './duration.ts';
import { durationText } from './RulesSummary.tsx';

const zh: T = (key, params?: Params) => fill(CATALOGUES['zh-CN'].console[key], params);

describe('ballot duration (issue 13: "时长 4′" after a 1-minute extension)', () => {
  it('counts extensions from the opening and the deadline', () => {
    expect(ballotDuration({ durationSeconds: 240, openedAt: null, deadlineAt: null })).toEqual({ planned: 240, extended: 0 });
    expect(ballotDuration({ durationSeconds: 240, openedAt: 1_000, deadlineAt: 1_000 + 300_000 })).toEqual({ planned: 240, extended: 60 });
  });

  it('says every duration as N 分钟 (or N 分 S 秒), never with ′', () => {
    expect(durationText(zh, 240)).toBe('4 分钟');
    expect(durationText(zh, 90)).toBe('1 分 30 秒');
    expect(durationText(zh, 30)).toBe('30 秒');
    expect(fill(CATALOGUES['zh-CN'].console['rules.seatsOf'], { n: 15, seats: 10 })).toBe('15 选 10');
  });
});
