import type { Locale } from './catalogue.ts';

// Money on the four screens. Every amount the system holds is in 万元 (budgets, plans, spending: the unit of the
// county's tables, imports and forms), so English keeps that unit rather than converting: one English style,
// "10,675 × 10k yuan" — thousands separators, at most two decimals, the unit written "× 10k yuan" (issue 19).
// Column headers and field labels name the same unit as "(× 10k yuan)".

/** The unit after an amount in 万元, by locale. */
export const WAN_UNIT: Record<Locale, string> = { 'zh-CN': '万元', en: '× 10k yuan' };

/**
 * An amount in 万元 as a number with thousands separators and at most two decimals: 10675 → "10,675",
 * 12.5 → "12.5". The same digits in both locales (zh-CN and en-US group alike). Never throws; NaN → "NaN".
 */
export function wanNumber(wan: number): string {
  return wan.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/**
 * An amount in 万元 with its unit, kept together by a no-break space: 'en' → "10,675 × 10k yuan",
 * 'zh-CN' → "10,675 万元". `grouping: false` drops the separators in Chinese ("10675 万元", as a county report
 * writes figures); English always groups.
 */
export function wanText(locale: Locale, wan: number, opts: { grouping?: boolean } = {}): string {
  const n = locale === 'zh-CN' && opts.grouping === false ? String(Math.round(wan * 100) / 100) : wanNumber(wan);
  return `${n}\u00a0${WAN_UNIT[locale]}`;
}
