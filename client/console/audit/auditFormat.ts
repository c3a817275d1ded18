import { CATALOGUES, type Locale } from '../../i18n/catalogue.ts';

// How the audit log screen says an event (issue 13): the action by its name in the catalogue (auditAction.*,
// falling back to the code), and the detail as short "key: value" lines instead of raw JSON.

/** The action's name in `locale`, or the code itself when the catalogue has none. */
export function actionName(locale: Locale, action: string): string {
  const section = CATALOGUES[locale].console as Record<string, string>;
  return section[`auditAction.${action}`] ?? action;
}

const when = (ms: number) => new Date(ms).toLocaleString('zh-CN', { hour12: false });

/** One detail value as text: times (keys ending At, ms since 1970) as dates, lists joined with 、, objects compact. */
export function detailValue(key: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number' && /At$/.test(key) && value > 1e12) return when(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.join('、');
  if (Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null && 'name' in v)) {
    return value.map((v) => String((v as { name: unknown }).name)).join('、');
  }
  return JSON.stringify(value);
}

/** The detail as [key, text] pairs in the order the server wrote them; a non-object detail is one pair. */
export function detailLines(detail: unknown): [string, string][] {
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) return [['', detailValue('', detail)]];
  return Object.entries(detail as Record<string, unknown>).map(([k, v]) => [k, detailValue(k, v)]);
}
