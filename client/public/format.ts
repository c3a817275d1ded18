import type { Locale } from '../i18n/catalogue.ts';
import { wanText } from '../i18n/money.ts';

// Figures as a county report writes them: 万元 without grouping (26700 万元), at most two decimals. In English
// the one style of the four screens (client/i18n/money.ts): 26,700 × 10k yuan.

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

export function formatNumber(locale: Locale, n: number): string {
  return locale === 'en' ? round(n, 2).toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(round(n, 2));
}

/** An amount in 万元 with its unit, kept together by a no-break space: "26700 万元", "26,700 × 10k yuan". */
export function formatWan(locale: Locale, wan: number): string {
  return wanText(locale, wan, { grouping: false });
}

/** 0.6667 → 66.7% */
export function formatPercent(rate: number): string {
  return `${round(rate * 100, 1)}%`;
}

/** 'YYYY-MM-DD' → 2023年3月1日; English keeps the ISO form, which nobody misreads. */
export function formatDate(locale: Locale, iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m || locale === 'en') return iso;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function periodPart(locale: Locale, text: string): string {
  const zh = locale === 'zh-CN';
  let m = /^(\d{4})$/.exec(text);
  if (m) return zh ? `${m[1]}年全年` : `all of ${m[1]}`;
  m = /^(\d{4})-monthly$/i.exec(text);
  if (m) return zh ? `${m[1]}年每月` : `every month of ${m[1]}`;
  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) return zh ? `${m[1]}年${Number(m[2])}月` : `${MONTHS_EN[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
  m = /^(\d{4})-Q([1-4])$/i.exec(text);
  if (m) return zh ? `${m[1]}年第${m[2]}季度` : `Q${m[2]} ${m[1]}`;
  m = /^(\d{4})-H([12])$/i.exec(text);
  if (m) return zh ? `${m[1]}年${m[2] === '1' ? '上' : '下'}半年` : `${m[2] === '1' ? 'first' : 'second'} half of ${m[1]}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return formatDate(locale, text);
  return text;
}

/** A plan period ('2023-Q1', '2023-03~2023-05', …) in words; anything unrecognised is shown as written. */
export function formatPeriod(locale: Locale, period: string): string {
  const parts = period.trim().split(/\s*[~～]\s*/);
  if (parts.length === 2) return `${periodPart(locale, parts[0]!)} – ${periodPart(locale, parts[1]!)}`;
  return periodPart(locale, period.trim());
}
