import { describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.ts';
import { formatZoned, isTimeZone, utcOffsetLabel, wallTime, zonedDate, zoneLabel } from './time.ts';

// 2023-02-21 02:30:45 UTC = 10:30:45 Beijing time.
const MEETING = Date.UTC(2023, 1, 21, 2, 30, 45);

describe('times as printed and exported', () => {
  it('gives Beijing time with the zone named', () => {
    expect(formatZoned(MEETING, 'Asia/Shanghai')).toBe('2023-02-21 10:30（北京时间 UTC+8）');
    expect(formatZoned(MEETING, 'Asia/Shanghai', 'en')).toBe('2023-02-21 10:30 (Beijing time, UTC+8)');
    expect(wallTime(MEETING, 'Asia/Shanghai', true)).toBe('2023-02-21 10:30:45');
    expect(formatZoned(null, 'Asia/Shanghai')).toBe('—');
  });

  it('crosses the date line where the zone does (a late-night close belongs to the next day in Beijing)', () => {
    const lateUtc = Date.UTC(2023, 1, 21, 17, 5);
    expect(zonedDate(lateUtc, 'Asia/Shanghai')).toBe('2023-02-22');
    expect(zonedDate(lateUtc, 'UTC')).toBe('2023-02-21');
  });

  it('names other zones by identifier and offset, daylight saving included', () => {
    expect(zoneLabel(MEETING, 'Europe/Berlin')).toBe('Europe/Berlin UTC+1');
    expect(zoneLabel(Date.UTC(2023, 6, 1), 'Europe/Berlin')).toBe('Europe/Berlin UTC+2');
    expect(utcOffsetLabel(MEETING, 'Asia/Kolkata')).toBe('UTC+5:30');
    expect(utcOffsetLabel(MEETING, 'America/Sao_Paulo')).toBe('UTC-3');
    expect(utcOffsetLabel(MEETING, 'UTC')).toBe('UTC');
    expect(zoneLabel(MEETING, 'Asia/Urumqi')).toBe('乌鲁木齐时间 UTC+6');
  });

  it('knows a zone from a typo', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Asia/Shangai')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('TIME_ZONE: Asia/Shanghai by default; an unknown zone stops the start with a clear message', () => {
    expect(loadConfig({}, []).timeZone).toBe('Asia/Shanghai');
    expect(loadConfig({ TIME_ZONE: 'Asia/Urumqi' }, []).timeZone).toBe('Asia/Urumqi');
    expect(() => loadConfig({ TIME_ZONE: 'Beijing' }, [])).toThrow(/TIME_ZONE: must be an IANA time zone/);
  });
});
