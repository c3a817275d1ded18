// Times as printed and exported: in the county's time zone, with the zone named, so a report read on another
// machine (or filed years later) says which clock it means. Pure functions over Intl, shared by server and console.

/** The default zone: every county this serves keeps Beijing time (UTC+8, no daylight saving). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Zones with a name people use for them; any other IANA zone is named by its identifier. */
const ZONE_NAMES: Record<string, string> = {
  'Asia/Shanghai': '北京时间',
  'Asia/Urumqi': '乌鲁木齐时间',
  'Asia/Hong_Kong': '香港时间',
  'Asia/Macau': '澳门时间',
  'Asia/Taipei': '台北时间',
};

/** The same names in English, for the console's English screens. */
const ZONE_NAMES_EN: Record<string, string> = {
  'Asia/Shanghai': 'Beijing time',
  'Asia/Urumqi': 'Urumqi time',
  'Asia/Hong_Kong': 'Hong Kong time',
  'Asia/Macau': 'Macau time',
  'Asia/Taipei': 'Taipei time',
};

/** True when `zone` is an IANA time zone this runtime knows (e.g. "Asia/Shanghai"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

interface Parts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

function partsAt(ms: number, zone: string): Parts {
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const out: Record<string, string> = {};
  for (const p of fmt.formatToParts(new Date(ms))) out[p.type] = p.value;
  return out as unknown as Parts;
}

/** The zone's offset from UTC at `ms`, in minutes (Asia/Shanghai → 480). Throws RangeError for an unknown zone. */
export function utcOffsetMinutes(ms: number, zone: string): number {
  const p = partsAt(ms, zone);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** "UTC+8", "UTC+5:30", "UTC-3", "UTC" — the offset at `ms`. */
export function utcOffsetLabel(ms: number, zone: string): string {
  const min = utcOffsetMinutes(ms, zone);
  if (min === 0) return 'UTC';
  const sign = min < 0 ? '-' : '+';
  const abs = Math.abs(min);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `UTC${sign}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}

/**
 * The zone as a reader names it: "北京时间 UTC+8" ('en': "Beijing time, UTC+8"); an unnamed zone as
 * "Europe/Berlin UTC+1".
 */
export function zoneLabel(ms: number, zone: string, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  if (lang === 'en') return `${ZONE_NAMES_EN[zone] ?? zone}, ${utcOffsetLabel(ms, zone)}`;
  return `${ZONE_NAMES[zone] ?? zone} ${utcOffsetLabel(ms, zone)}`;
}

/** "2023-02-21 10:30" — the wall-clock time in `zone`, no zone named (for table cells under a named header). */
export function wallTime(ms: number, zone: string, withSeconds = false): string {
  const p = partsAt(ms, zone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${withSeconds ? `:${p.second}` : ''}`;
}

/** "2023-02-21" — the calendar date at `ms` in `zone`. */
export function zonedDate(ms: number, zone: string): string {
  const p = partsAt(ms, zone);
  return `${p.year}-${p.month}-${p.day}`;
}

/**
 * "2023-02-21 10:30（北京时间 UTC+8）" — a time as printed on a report or in an export ('en', the console's English
 * screens: "2023-02-21 10:30 (Beijing time, UTC+8)"); "—" for null (not yet).
 * Throws RangeError for a zone the runtime does not know (config checks it at start with isTimeZone).
 */
export function formatZoned(ms: number | null, zone: string, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  if (ms === null) return '—';
  if (lang === 'en') return `${wallTime(ms, zone)} (${zoneLabel(ms, zone, 'en')})`;
  return `${wallTime(ms, zone)}（${zoneLabel(ms, zone)}）`;
}
