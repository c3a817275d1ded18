import { expect, it } from 'vitest';
import { formatCountdown, remainingMs, ServerClock } from './clock.ts';

it('follows the latest serverNow', () => {
  let local = 1000;
  const clock = new ServerClock(() => local);
  clock.update(61_000);
  expect(clock.offset).toBe(60_000);
  local = 2000;
  expect(clock.now()).toBe(62_000);
  clock.update(50_000); // the server's clock is the truth, even backwards
  expect(clock.now()).toBe(50_000);
});

it('formats the countdown, rounding up', () => {
  expect(formatCountdown(600_000)).toBe('10:00');
  expect(formatCountdown(59_001)).toBe('01:00');
  expect(formatCountdown(1)).toBe('00:01');
  expect(formatCountdown(0)).toBe('00:00');
  expect(formatCountdown(3_723_000)).toBe('1:02:03');
  expect(remainingMs(100, 150)).toBe(0);
});
