import { z } from 'zod';
import { boundedList } from './bounded-list.ts';
import { coded } from './issues.ts';

// One deputy (代表) on the roster a secretariat imports before the session.

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

export const rosterEntrySchema = z.strictObject({
  /** 姓名, alignment padding inside a Chinese name removed (see cleanName); several names in one cell refused (see severalNames). */
  name: text(64)
    .superRefine((name, ctx) => {
      const parts = severalNames(name);
      if (parts) {
        const { message, params } = coded('name_several', `"${name}" looks like several names in one cell (${parts.join('、')}): give each deputy a row of their own; if it is one person's name, write it without the space or separator`, { written: name, parts: parts.join('、') });
        ctx.addIssue({ code: 'custom', message, params });
      }
    })
    .transform(cleanName),
  /** 代表团 */
  delegation: text(64),
  /** 座位号 as the hall labels it ("3排12座", "A-012"); null when seats are not assigned. An empty string is null. */
  seat: z
    .string()
    .trim()
    .max(32, 'at most 32 characters')
    .nullable()
    .default(null)
    .transform((s) => (s ? s : null)),
  /** 代表证号 or another external deputy number. */
  code: text(64).optional(),
});
export type RosterEntry = z.infer<typeof rosterEntrySchema>;

export const MAX_DEPUTIES = 5000;

export const rosterListSchema = boundedList(rosterEntrySchema, MAX_DEPUTIES, 'deputies');

export const rosterDocumentSchema = z.strictObject({ deputies: rosterListSchema });

/** A JSON roster: an array of entries, or `{ deputies: [...] }`. Either way the output is the list. */
export const rosterImportSchema = z
  .union([rosterListSchema, rosterDocumentSchema])
  .transform((v) => (Array.isArray(v) ? v : v.deputies));

/** Seat labels compared the way a person reads them: "3排 12座" and "3排12座", "a-012" and "A-012" are one seat. */
export function seatKey(seat: string): string {
  return seat.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

const HAN = /\p{Script=Han}/u;
/** Invisible format characters (zero-width space and joiners, a stray BOM, direction marks) that copying from a web page or Word leaves inside a name. */
const INVISIBLE = /\p{Cf}/gu;

/**
 * A person's name compared the way people read it: NFKC (full-width forms folded), and inside a Chinese name
 * spaces of every width ignored — printed name lists pad 王伟 to 王　伟 to line it up with three-character names.
 * Invisible format characters (zero-width space, BOM) are ignored. A name in Latin letters keeps one space
 * between words and ignores case.
 */
export function nameKey(name: string): string {
  const n = name.normalize('NFKC').replace(INVISIBLE, '').trim();
  return HAN.test(n) ? n.replace(/\s+/g, '') : n.replace(/\s+/g, ' ').toLowerCase();
}

/**
 * A name as stored and shown: trimmed, invisible format characters (zero-width space, BOM) dropped, and the
 * alignment padding inside a Chinese name removed (王　伟 → 王伟); anything else as written.
 */
export function cleanName(name: string): string {
  const t = name.replace(INVISIBLE, '').trim();
  return HAN.test(t) && /^[\p{Script=Han}·•\s]+$/u.test(t) ? t.replace(/\s+/g, '') : t;
}

/** Two-character surnames (复姓): "欧阳 娜娜" is one person written surname, space, given name. */
const COMPOUND_SURNAMES = new Set(
  '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 令狐 夏侯 轩辕 独孤 南宫 西门 百里 呼延 端木 申屠 钟离 澹台 公羊 太史 第五 濮阳 淳于 单于 拓跋 完颜 万俟 闻人 东郭 左丘'.split(' '),
);

/**
 * The names a Chinese name cell holds when it holds more than one — "王伟 李小红", "王　伟　李小红" (a printed name
 * list pasted row by row), "王伟、李明" — else null. cleanName would otherwise run them together into one deputy
 * named 王伟李小红. Padding is not a second name: parts of one character (王　伟), a surname and a given name
 * (王 小明, 欧阳 娜娜) under four characters in all. Five or more Han characters split by spaces, four or more in
 * three parts or more (王　伟　李　明), two parts of two or more characters (the first not a 复姓), or any 、，,；;/
 * between names are several names.
 */
export function severalNames(name: string): string[] | null {
  const t = name.normalize('NFKC').replace(INVISIBLE, '').trim();
  if (!HAN.test(t) || !/^[\p{Script=Han}·•\s、,;/]+$/u.test(t)) return null;
  const parts = t.split(/[\s、,;/]+/).filter(Boolean);
  if (parts.length < 2) return null;
  if (/[、,;/]/.test(t)) return parts;
  const joined = parts.join('');
  // Four characters or more in three parts or more: two names at least (王　伟　李　明, 王　伟　李明: padded names
  // pasted from a printed list, where the gap between names is the padding's width) — asked, never joined.
  if (parts.length >= 3 && joined.length >= 4) return parts;
  if (parts.every((p) => p.length === 1)) return null;
  if (joined.length >= 5) return parts;
  const long = parts.filter((p) => p.length >= 2);
  if (long.length >= 2 && !(parts.length === 2 && COMPOUND_SURNAMES.has(parts[0]!))) return parts;
  return null;
}

/** A 代表证号 or delegation compared as read: NFKC, no spaces, case ignored. */
export function codeKey(code: string): string {
  return code.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}
