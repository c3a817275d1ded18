import type { CandidateUnits, Contact, Milestone } from '../candidate.ts';

// Readers for the cells of the secretariat's candidate table whose text carries structure. Each returns what
// it could read and a message per thing it could not, so that one import reports every problem at once.

export interface CellRead<T> {
  value: T;
  errors: string[];
}

const WAN_PER = { 亿: 10_000, 百: 100, 万: 1, 千: 0.1, 元: 0.0001 } as const;
/**
 * A money unit by its first character: 亿元, 百万元, 万元, 千元, 元. Finance offices also keep tables in 千元 and
 * 百万元; read as 万元 they would be 10 times too large or 100 times too small, with nothing asked.
 */
export type MoneyUnit = keyof typeof WAN_PER;
/**
 * The units the user may choose when the preview asks (a 'unit' problem): every unit the import reads, so a table
 * kept in 千元 or 百万元 whose unit line and header disagree can be read right without editing the file.
 */
export const MONEY_UNITS = ['元', '千元', '万元', '百万元', '亿元'] as const;
export type MoneyUnitName = (typeof MONEY_UNITS)[number];
const UNIT_NAMES: Record<MoneyUnit, string> = { 亿: '亿元', 百: '百万元', 万: '万元', 千: '千元', 元: '元' };
/** The unit as written: 亿元, 百万元, 万元, 千元, 元. */
export const unitName = (u: MoneyUnit): string => UNIT_NAMES[u];
export const unitOfName = (n: MoneyUnitName): MoneyUnit => n[0] as MoneyUnit;
/** A unit's written name (亿元, 百万元, 万元, 千元, 元, also 亿/百万/万/千 without 元) → the unit. */
const unitOfWritten = (written: string): MoneyUnit => (written.startsWith('百') ? '百' : (written[0] as MoneyUnit));

/**
 * What a county project (县级民生实事项目) can plausibly cost, in 万元: from 1 万元 to 100 亿元. A bare number
 * outside it was most likely written in another unit than the table's, so the import asks rather than guesses.
 */
export const PLAUSIBLE_WAN = { min: 1, max: 1_000_000 } as const;

/** Avoids binary noise such as 1.2 × 10000 = 11999.999…; 万元 amounts never need more than 6 decimals. */
const roundWan = (x: number) => Math.round(x * 1e6) / 1e6;

const NO_AMOUNT = new Set(['', '—', '——', '-', '--', '–', '无', '/', '暂无', '不涉及']);

/** The unit a header's note gives bare numbers ("需财政投入资金（亿元）"); 万元 when it names none. */
export function unitFromNote(note: string): MoneyUnit {
  return statedNoteUnit(note) ?? '万';
}

/** The unit a header's note states ("（亿元）", "（千元）", "（单位：元）"), or null when the note names none ("（初步估算）"). */
export function statedNoteUnit(note: string): MoneyUnit | null {
  const n = note.normalize('NFKC');
  if (n.includes('亿')) return '亿';
  if (n.includes('百万')) return '百';
  if (n.includes('万')) return '万';
  if (/千元|^千$|单位(?:为|是)?[:/]?千/.test(n.replace(/\s/g, ''))) return '千';
  if (/^(?:人民币)?元$|单位(?:为|是)?[:/]?(?:人民币)?元/.test(n.replace(/\s/g, ''))) return '元';
  return null;
}

/**
 * The unit a line above the header states: "单位：元", "（单位：万元）", "金额单位：亿元", "单位：千元", also written "单位：人民币元",
 * "单位(元)", "单位/元" or "单位为元". null when no line does.
 * Two lines naming different units are read as the first; the header and the cells are checked against it.
 */
export function unitFromLines(lines: readonly string[]): MoneyUnit | null {
  for (const line of lines) {
    const m = /单位(?:为|是)?[:/(]?(?:人民币)?(亿元|百万元|万元|千元|元)/.exec(line.normalize('NFKC').replace(/\s/g, ''));
    if (m) return unitOfWritten(m[1]!);
  }
  return null;
}

/**
 * 需财政投入资金: "1000万元", "135万", "1.2亿元", "8000千元", "约80万元", "1,000", "0" → 万元. Empty, "—" or "无"
 * → null (the table gives no amount). A bare number is in `bareUnit`. An error says `negative` when it is one.
 */
export function parseBudget(cell: string, bareUnit: MoneyUnit = '万'): { value: number | null; stated?: MoneyUnit } | { error: string; negative?: true } {
  const s = cell.normalize('NFKC').replace(/[\s,]/g, '');
  if (NO_AMOUNT.has(s)) return { value: null };
  const m = /^(?:约|约为|预计|计划)?(-?\d+(?:\.\d+)?)(百万元|百万|万元|万|亿元|亿|千元|元)?$/.exec(s);
  if (!m) return { error: `cannot read the amount "${cell}" (write it like 1000万元, 1.2亿元 or 0)` };
  const amount = Number(m[1]);
  if (amount < 0) return { error: `the amount "${cell}" is negative`, negative: true };
  const stated = m[2] ? unitOfWritten(m[2]) : undefined;
  const unit = stated ?? bareUnit;
  return { value: roundWan(amount * WAN_PER[unit]), ...(stated ? { stated } : {}) };
}

// "…，投资约50万元" at the end of a plan line: the node's planned amount, in any unit the 附件 writes (500000元 too).
const PLAN_AMOUNT = /[，,；;、]?\s*(?:计划|预计)?投资(?:约为|约|为)?\s*(\d+(?:\.\d+)?)\s*(百万元|万元|万|亿元|亿|千元|元)\s*[。.]?\s*$/;
// "2023-02：", "2023-Q1:", "2023：", "2023-03~2023-05：", "2023-monthly：" — a period starts with a year and
// is written before the first colon; it holds no sentence punctuation.
const PLAN_LINE = /^(\d{4}[^:：，,。；;、]{0,36}?)\s*[:：]\s*(.*)$/s;

/** 推进计划: one milestone per non-blank line, "period：text[，投资约X万元]". */
export function parsePlan(cell: string): CellRead<Milestone[]> {
  const value: Milestone[] = [];
  const errors: string[] = [];
  cell.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const m = PLAN_LINE.exec(line);
    if (!m) {
      errors.push(`line ${i + 1} "${clip(line)}": expected "2023-02：内容" (a period, a colon, then the text)`);
      return;
    }
    const period = (m[1] ?? '').trim();
    let text = (m[2] ?? '').trim();
    let amountWan: number | null = null;
    const a = PLAN_AMOUNT.exec(text);
    if (a) {
      amountWan = roundWan(Number(a[1]) * WAN_PER[unitOfWritten(a[2] ?? '万元')]);
      text = text.slice(0, a.index).replace(/[，,；;、\s]+$/, '');
    }
    if (!text && amountWan === null) {
      errors.push(`line ${i + 1} "${clip(line)}": no text after the period`);
      return;
    }
    value.push({ period, amountWan, text });
  });
  return { value, errors };
}

const UNIT_ROLES: Record<string, keyof CandidateUnits> = {
  牵头: 'lead',
  主办: 'lead',
  责任: 'lead',
  配合: 'cooperate',
  协办: 'cooperate',
  实施: 'implement',
  承办: 'implement',
};
const UNIT_LABEL = /^([^:：、，,；;]{1,8}?)(?:单位|部门)?\s*[:：]\s*(.*)$/s;
const LIST_SEPARATORS = /[、，,；;]+/;

/**
 * 实施单位: "牵头：住建局" / "配合：A、B" / "实施：C" lines (also "牵头单位:", several labels on one line
 * separated by ；). A line without a label continues the one before; a cell with no label at all lists the
 * lead units.
 */
export function parseUnits(cell: string): CellRead<CandidateUnits> {
  const value: CandidateUnits = { lead: [], cooperate: [], implement: [] };
  const errors: string[] = [];
  let role: keyof CandidateUnits = 'lead';
  // ；between labelled parts ("牵头：A；配合：B") starts a new part; inside a part it separates units.
  const parts = cell.split('\n').flatMap((line) => line.split(/[；;](?=[^；;:：]{1,10}[:：])/));
  for (const raw of parts) {
    const part = raw.trim();
    if (!part) continue;
    let list = part;
    const m = UNIT_LABEL.exec(part);
    if (m) {
      const label = (m[1] ?? '').trim();
      const found = UNIT_ROLES[label];
      if (!found) {
        errors.push(`unknown role "${label}" (use 牵头, 配合 or 实施)`);
        continue;
      }
      role = found;
      list = m[2] ?? '';
    }
    for (const unit of list.split(LIST_SEPARATORS)) {
      const u = unit.trim();
      if (u) value[role].push(u);
    }
  }
  return { value, errors };
}

// A phone token: digits (masked ones too — 182****6981, 709****), perhaps +86, dashes.
const PHONE = /^[+＋]?[\d０-９*＊xX\-－]+$/;
const isPhone = (t: string) => PHONE.test(t) && (t.match(/[\d０-９*＊]/g)?.length ?? 0) >= 3;

/**
 * 责任人及联系电话: "李慧鑫 182****6981"; several people on separate lines (as the fixture writes them) or
 * separated by 、，；. A name may contain a space ("刘 建"); a person may be listed without a phone; a number
 * with no name before it is another number of the person before.
 */
export function parseContacts(cell: string): CellRead<Contact[]> {
  const value: Contact[] = [];
  const errors: string[] = [];
  // A phone glued to the name ("李慧鑫182****6981") or in brackets ("李慧鑫（182****6981）").
  const spaced = cell.replace(/[()（）:：]/g, ' ').replace(/(\p{Script=Han})(?=[+＋\d*])/gu, '$1 ');
  for (const person of spaced.split(/[\n、，,；;]+/)) {
    let names: string[] = [];
    let phones: string[] = [];
    const flush = () => {
      const previous = value.at(-1);
      if (names.length) value.push({ name: names.join(' '), phone: phones.join(' ') });
      // "张三 0356-1234567、139****0000": a second number for the person before.
      else if (phones.length && previous) previous.phone = [previous.phone, ...phones].filter(Boolean).join(' ');
      else if (phones.length) errors.push(`phone ${phones.join(' ')} has no name before it`);
      names = [];
      phones = [];
    };
    for (const token of person.trim().split(/\s+/)) {
      if (!token) continue;
      if (isPhone(token)) phones.push(token);
      else {
        if (phones.length) flush();
        names.push(token);
      }
    }
    flush();
  }
  return { value, errors };
}

function clip(s: string): string {
  return s.length > 30 ? `${s.slice(0, 30)}…` : s;
}
