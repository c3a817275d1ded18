import type { Milestone } from '../candidate.ts';
import { parsePlan } from './candidate-cells.ts';
import type { CellRead } from './candidate-cells.ts';

// 推进计划 read the way a reader of the 附件 reads it (issue 15): periods are ranges (4-5月 is April to May,
// 3月底4月初 the end of March to early April, 第一、二季度 one range), recurring duties (每月…, 每季度…, 一年两次)
// become one milestone per occurrence so a missed month is seen, parallel sub-plans named in 年度工作任务
// ("1. … 2. …") stay separate tracks, and yearly targets (年培训规模2000人) are kept as target milestones.
// The stored shape is the Milestone of shared/candidate.ts: `period` is a range string parsePeriod reads
// ('2023-04~2023-05'); `track` and `kind` are optional, so older plans read as before.

const pad = (n: number) => String(n).padStart(2, '0');
const month = (y: number, m: number) => `${y}-${pad(m)}`;
const range = (from: string, to: string) => (from === to ? from : `${from}~${to}`);
const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 两: 2 };

/** A period written in words at the start of a line (第一、二季度, 上半年, 4-5月, 全年), as a period string. */
function wordedPeriod(text: string, year: number): string | null {
  const s = text.normalize('NFKC').replace(/\s+/g, '');
  let m = /^第?([一二三四])(?:[、,，至到-]第?([一二三四]))?季度$/.exec(s);
  if (m) {
    const a = CN_DIGIT[m[1]!]!;
    const b = m[2] ? CN_DIGIT[m[2]]! : a;
    return range(`${year}-Q${a}`, `${year}-Q${b}`);
  }
  if (/^(全年|年内|本年度)$/.test(s)) return String(year);
  if (s === '上半年') return `${year}-H1`;
  if (s === '下半年') return `${year}-H2`;
  m = /^(\d{1,2})月(?:份)?$/.exec(s);
  if (m) return month(year, Number(m[1]));
  const r = monthNote(s, year);
  return r && r.index === 0 && r.length === s.length ? r.period : null;
}

/**
 * A month range or 月底/月初 note inside text: "4-5月份", "6-12 月份", "3 月底 4 月初". Returns the period and
 * where the note sits. Day-of-month spans ("每月 6-10 日") and years ("2022-2023 学年") are not month notes.
 */
export function monthNote(text: string, year: number): { period: string; index: number; length: number } | null {
  const s = text.normalize('NFKC');
  let m = /(?<!\d)(\d{1,2})\s*月底\s*(\d{1,2})\s*月初/.exec(s);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    // 月底 is the last ten days (下旬, from the 21st), 月初 the first ten (上旬, to the 10th).
    if (a >= 1 && b <= 12 && b >= a) return { period: `${month(year, a)}-21~${month(year, b)}-10`, index: m.index, length: m[0].length };
  }
  m = /(?<!\d)(\d{1,2})\s*[-–—~～至到]\s*(\d{1,2})\s*月(?:份)?/.exec(s);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (a >= 1 && b <= 12 && a < b) return { period: range(month(year, a), month(year, b)), index: m.index, length: m[0].length };
  }
  return null;
}

const RECURRENCE: { word: RegExp; periods: (y: number) => string[] }[] = [
  { word: /每月|按月/, periods: (y) => Array.from({ length: 12 }, (_, i) => month(y, i + 1)) },
  { word: /每季度|按季度?/, periods: (y) => [1, 2, 3, 4].map((q) => `${y}-Q${q}`) },
  { word: /一年两次|每半年|半年一次/, periods: (y) => [`${y}-H1`, `${y}-H2`] },
];
const recurrenceOf = (text: string) => RECURRENCE.find((r) => r.word.test(text)) ?? null;

/** A parallel sub-plan of 年度工作任务 ("1. 为残疾人缴纳意外伤害保险：…"): its name and full text. */
interface Track {
  name: string;
  text: string;
}

/** The numbered sub-plans of 年度工作任务; [] when it has fewer than two. */
export function tracksOf(annualTask: string): Track[] {
  const parts = annualTask.normalize('NFKC').split(/(?:^|(?<=[。；;\s]))\s*\d+\s*[.、]\s*(?!\d)/).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2 || !/^\s*1\s*[.、]/.test(annualTask.normalize('NFKC'))) return [];
  return parts.map((text) => ({ name: (/^([^:：。，,]{2,40})[:：]/.exec(text)?.[1] ?? text.slice(0, 20)).trim(), text }));
}

const bigrams = (s: string) => {
  const han = s.replace(/[^\p{Script=Han}]/gu, ' ');
  const out = new Set<string>();
  for (const w of han.split(/\s+/)) for (let i = 0; i + 1 < w.length; i++) out.add(w.slice(i, i + 2));
  return out;
};

/**
 * The track a node belongs to: word pairs (bigrams of Han text) found in only one track count, twice when they are
 * in the track's name; the highest score wins. null when nothing matches or two tracks tie (the node is shared).
 */
function trackFor(text: string, tracks: readonly Track[]): string | null {
  if (tracks.length < 2) return null;
  const sets = tracks.map((t) => bigrams(t.text));
  const own = sets.map((set, i) => new Set([...set].filter((g) => sets.every((other, j) => j === i || !other.has(g)))));
  const names = tracks.map((t) => bigrams(t.name));
  const words = [...bigrams(text)];
  const scores = own.map((set, i) => words.reduce((sum, g) => sum + (set.has(g) ? (names[i]!.has(g) ? 2 : 1) : 0), 0));
  const best = Math.max(...scores);
  if (best === 0 || scores.filter((s) => s === best).length > 1) return null;
  return tracks[scores.indexOf(best)]!.name;
}

// A count the node aims at: 200场, 650 名残疾人, 839户, 2000人 (not 30 个工作日, not 80-99 周岁).
const COUNT = /(?<![\d.-])(\d+)\s*(场|名|人|户)/;
const percentOf = (text: string) => {
  if (/完成全年任务\s*$/.test(text)) return 100;
  const m = /完成(?:任务的|全年任务的)?\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(text.normalize('NFKC'));
  return m ? Number(m[1]) : undefined;
};

/** The yearly targets of 年度工作任务 (or of one track): each clause holding a count, as a target milestone. */
function targetsOf(text: string, year: number, track: string | null): Milestone[] {
  return text
    .normalize('NFKC')
    .split(/[，,。；;:：]/)
    .flatMap((clause) => {
      const m = COUNT.exec(clause);
      if (!m) return [];
      return [{ period: String(year), amountWan: null, text: clause.trim(), target: Number(m[1]), kind: 'target' as const, ...(track ? { track } : {}) }];
    });
}

/**
 * 推进计划 and 年度工作任务 of one candidate → milestones as described at the top of this file. Lines must start
 * with a period ("2023-02：", "2023-Q1：", "2023：", or in words once a year is known: "第一、二季度：", "4-5月：").
 * Errors are the lines that cannot be read (see parsePlan).
 */
export function readPlan(planCell: string, annualTask = ''): CellRead<Milestone[]> {
  const firstYear = /(?:^|\n)\s*(\d{4})/.exec(planCell)?.[1] ?? /(\d{4})年/.exec(annualTask)?.[1];
  const year0 = firstYear ? Number(firstYear) : null;
  // Lines that give their period in words get the year of the plan.
  const lines = planCell.split('\n').map((line) => {
    const m = /^\s*([^:：，,。；;]{1,12}?)\s*[:：](.*)$/s.exec(line);
    const worded = m && year0 !== null && !/^\d{4}/.test(m[1]!) ? wordedPeriod(m[1]!, year0) : null;
    return worded ? `${worded}：${m![2]}` : line;
  });
  const base = parsePlan(lines.join('\n'));
  const tracks = tracksOf(annualTask);
  const out: Milestone[] = [];

  for (const node of base.value) {
    const year = Number(node.period.slice(0, 4));
    // "（同第一季度）…": the same task as an earlier node continues — that node's range grows to this period's end.
    const same = /^[（(]同(?:第)?([一二三四])季度[）)]/.exec(node.text);
    if (same) {
      const q = CN_DIGIT[same[1]!]!;
      const earlier = out.find((n) => n.period === `${year}-Q${q}` || n.period.startsWith(`${year}-Q${q}~`));
      if (earlier) {
        earlier.period = `${earlier.period.split('~')[0]}~${node.period.split('~').at(-1)}`;
        continue;
      }
    }
    // A line that is a whole year and lists recurring duties among other work: split at the clauses.
    const yearly = /^\d{4}$/.test(node.period) || /-monthly$/i.test(node.period);
    const whole = /-monthly$/i.test(node.period) ? RECURRENCE[0]! : yearly && recurrenceOf(node.text.slice(0, 4)) ? recurrenceOf(node.text) : null;
    if (whole) {
      for (const period of whole.periods(year)) out.push(step({ ...node, period }, tracks, 'recurring'));
      continue;
    }
    if (yearly && recurrenceOf(node.text)) {
      const clauses = node.text.replace(/[。.]$/, '').split(/[，,]/).map((c) => c.trim()).filter(Boolean);
      let plain: string[] = [];
      const flush = () => {
        if (plain.length) out.push(step({ period: node.period, amountWan: null, text: plain.join('，') }, tracks));
        plain = [];
      };
      const recurring: { text: string; periods: string[] }[] = [];
      for (const c of clauses) {
        const r = recurrenceOf(c);
        if (r) recurring.push({ text: c, periods: r.periods(year) });
        else plain.push(c);
      }
      flush();
      for (const r of recurring) for (const period of r.periods) out.push(step({ period, amountWan: null, text: r.text }, tracks, 'recurring'));
      if (node.amountWan !== null && out.length) out.at(-1)!.amountWan = node.amountWan;
      continue;
    }
    // A month note at the start of the line applies to the whole line; parts of a line that belong to different
    // tracks ("保险…（6-7 月份）；体检…") are separate nodes, each with its own note if it has one.
    const lineNote = monthNote(node.text, year);
    const linePeriod = lineNote && lineNote.index === 0 ? lineNote.period : node.period;
    const parts = node.text.split(/[；;]/).map((p) => p.trim()).filter(Boolean);
    const byTrack = parts.map((p) => trackFor(p, tracks));
    const split = parts.length > 1 && new Set(byTrack.filter((t) => t !== null)).size > 1;
    const pieces = split ? parts : [node.text];
    pieces.forEach((text, i) => {
      const period = monthNote(text, year)?.period ?? linePeriod;
      out.push(step({ period, amountWan: split && i > 0 ? null : node.amountWan, text }, tracks));
    });
  }
  // Yearly targets: per track when the task is split into sub-plans, else of the whole task.
  if (year0 !== null) {
    if (tracks.length) for (const t of tracks) out.push(...targetsOf(t.text, year0, t.name));
    else out.push(...targetsOf(annualTask, year0, null));
  }
  return { value: out, errors: base.errors };
}

function step(node: { period: string; amountWan: number | null; text: string }, tracks: readonly Track[], kind?: 'recurring'): Milestone {
  const track = trackFor(node.text, tracks);
  const count = kind ? null : COUNT.exec(node.text.normalize('NFKC'));
  const percent = kind ? undefined : percentOf(node.text);
  return {
    period: node.period,
    amountWan: node.amountWan,
    text: node.text,
    ...(count ? { target: Number(count[1]) } : {}),
    ...(percent !== undefined ? { percent } : {}),
    ...(track ? { track } : {}),
    ...(kind ? { kind } : {}),
  };
}
