import type { Outputs } from './projects.ts';
import { roundWan } from './rules/progress.ts';

// How a county's 民生实事项目完成情况 words its figures (DESIGN §11, part 一 of the seed): money in 亿元 from 1 亿 up,
// a theme's projects as 一是/二是, each figure once and in the source's word order (受益居民 61977 户), the
// source's own sentence kept as given (approximate figures such as "200 余公里" stay approximate).

/** Money in the report's style: 26700 → "2.67 亿元" (from 1 亿 = 10000 万元 up), 870 → "870 万元". `wan` in 万元. */
export function moneyText(wan: number): string {
  if (Math.abs(wan) >= 10_000) return `${Number((wan / 10_000).toFixed(4))} 亿元`;
  return `${roundWan(wan)} 万元`;
}

const DIGITS = '零一二三四五六七八九';
/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五; 1 to 99 (throws RangeError outside). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`chineseNumber: ${n} is not 1..99`);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** The n-th item within a theme: 1 → "一是", 2 → "二是" (the county's own enumeration). */
export const ordinalIs = (n: number): string => `${chineseNumber(n)}是`;

/**
 * Measure words an output label may end with, longest first: "受益居民户" is 受益居民, counted in 户. A label that is
 * itself a measure word ("村") is written after its number ("43 村"); a label with none ("县道") before it.
 */
const MEASURES = ['平方米', '公里', '场次', '万元', '户', '人', '盏', '套', '个', '件', '辆', '对', '村', '条', '所', '处', '座', '次', '名', '台', '米', '亩', '家'];

/** One output in the source's word order: ("受益居民户", 61977) → "受益居民 61977 户"; ("村", 43) → "43 村". */
export function outputPhrase(label: string, value: number): string {
  const n = roundWan(value);
  if (MEASURES.includes(label)) return `${n} ${label}`;
  const measure = MEASURES.find((m) => label.endsWith(m) && label.length > m.length);
  return measure ? `${label.slice(0, -measure.length)} ${n} ${measure}` : `${label} ${n}`;
}

/** The numbers a text states, as numbers ("投资 2.67 亿元，涉及 8 条县道" → [2.67, 8]); "1,000" reads as 1000. */
export function numbersIn(text: string): number[] {
  return [...text.normalize('NFKC').replace(/(\d),(?=\d{3})/g, '$1').matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
}

/**
 * A project's sentence in the report: the latest outcome its units (or the imported report) wrote, followed by
 * each figure the sentence does not state yet — investment (in 亿元 from 1 亿 up) and outputs — so that every
 * figure appears once. Without an outcome: "{name}，完成投资 …，{outputs}". Ends with "。".
 * `investmentWan` in 万元, null when no figure was reported.
 */
export function projectSentence(p: { name: string; outcome: string; investmentWan: number | null; outputs: Outputs }): string {
  const outcome = p.outcome.trim().replace(/[。；;，,\s]+$/u, '');
  const stated = new Set(numbersIn(outcome));
  const has = (n: number) => stated.has(roundWan(n));
  const facts: string[] = [];
  if (p.investmentWan !== null && !has(p.investmentWan) && !has(p.investmentWan / 10_000)) facts.push(`完成投资 ${moneyText(p.investmentWan)}`);
  for (const [label, v] of Object.entries(p.outputs)) if (!has(v)) facts.push(outputPhrase(label, v));
  const head = outcome === '' ? p.name : outcome;
  return `${[head, ...facts].join('，')}。`;
}
