import { describe, expect, it } from 'vitest';
import { rosterEntrySchema } from '../roster.ts';
import { toCsv } from './csv.ts';
import { parseRosterCsv, parseRosterJson } from './roster.ts';

function problemsOf(r: ReturnType<typeof parseRosterCsv>) {
  if (r.ok) throw new Error('expected problems');
  return r.problems;
}

describe('parseRosterCsv', () => {
  it('reads Chinese headers, empty seats as null and codes only when given', () => {
    const r = parseRosterCsv('\uFEFF姓名,代表团,座位号,代表证号\r\n王建国,土沃乡,3排12座,QS0001\r\n李秀英,县直,,\r\n');
    expect(r).toEqual({
      ok: true,
      rows: [2, 3],
      deputies: [
        { name: '王建国', delegation: '土沃乡', seat: '3排12座', code: 'QS0001' },
        { name: '李秀英', delegation: '县直', seat: null },
      ],
    });
  });

  it('reads English headers in any case and order, seat and code optional', () => {
    expect(parseRosterCsv('Delegation,Name,Seat\n土沃乡,王建国,A-012\n')).toEqual({
      ok: true,
      rows: [2],
      deputies: [{ name: '王建国', delegation: '土沃乡', seat: 'A-012' }],
    });
    expect(parseRosterCsv('name,delegation\n王建国,土沃乡\n')).toMatchObject({ ok: true, deputies: [{ seat: null }] });
    expect(parseRosterCsv('姓名,代表团,座位\n王建国,土沃乡,1排1座\n')).toMatchObject({ ok: true, deputies: [{ seat: '1排1座' }] });
  });

  it('reports missing columns on the header row', () => {
    expect(problemsOf(parseRosterCsv('姓名,座位号\n王建国,1排1座\n'))).toEqual([{ row: 1, column: '代表团', message: 'missing column', code: 'missing_column' }]);
  });

  it('reports empty cells, a seat given twice and a deputy listed twice, all at once', () => {
    const text = toCsv([
      ['姓名', '代表团', '座位号'],
      ['王建国', '土沃乡', '3排12座'],
      ['', '土沃乡', '3排13座'],
      ['李秀英', '县直', '3排 12座'], // the same seat, written with a space
      ['王建国', '土沃乡', '4排1座'],
      ['王建国', '张村乡', '4排2座'], // same name, another delegation: a different deputy
      ['张三', '', ''],
    ]);
    expect(problemsOf(parseRosterCsv(text))).toMatchObject([
      { row: 3, column: '姓名', message: 'must not be empty', code: 'required' },
      { row: 4, column: '座位号', message: 'seat 3排 12座 is also given on row 2', code: 'seat_twice', params: { seat: '3排 12座', row: 2 } },
      { row: 5, column: '姓名', message: '王建国 (土沃乡) is also on row 2: skip it (the same person) or keep both', choice: 'duplicate' },
      { row: 7, column: '代表团', message: 'must not be empty', code: 'required' },
    ]);
  });

  it('refuses a roster without deputies', () => {
    expect(problemsOf(parseRosterCsv('姓名,代表团\n'))).toEqual([{ row: 1, column: '', message: 'the roster has no deputies' }]);
  });
});

describe('parseRosterJson', () => {
  it('accepts an array or { deputies }', () => {
    const entry = { name: '王建国', delegation: '土沃乡', seat: '3排12座', code: 'QS0001' };
    expect(parseRosterJson([entry])).toEqual({ ok: true, deputies: [entry], rows: [1] });
    expect(parseRosterJson({ deputies: [{ name: '王建国', delegation: '土沃乡' }] })).toEqual({
      ok: true,
      deputies: [{ name: '王建国', delegation: '土沃乡', seat: null }],
      rows: [1],
    });
  });

  it('reports bad entries, unknown fields and duplicates by entry and field', () => {
    const r = parseRosterJson({
      deputies: [
        { name: '王建国', delegation: '土沃乡', seat: 'A-012' },
        { name: '李秀英', delegation: '县直', seat: 'a-012', party: 'x' },
        { name: '王建国', delegation: '土沃乡', seat: 7 },
      ],
    });
    expect(problemsOf(r)).toMatchObject([
      { row: 2, column: 'party', message: 'unknown field' },
      { row: 2, column: 'seat', message: 'seat a-012 is also given on row 1', code: 'seat_twice', params: { seat: 'a-012', row: 1 } },
      { row: 3, column: 'seat', message: expect.stringContaining('expected string') },
      { row: 3, column: 'name', message: '王建国 (土沃乡) is also on row 1: skip it (the same person) or keep both', choice: 'duplicate' },
    ]);
    expect(problemsOf(parseRosterJson({ roster: [] }))).toEqual([
      { row: 0, column: 'deputies', message: expect.any(String) },
      { row: 0, column: 'roster', message: 'unknown field' },
    ]);
    expect(problemsOf(parseRosterJson(null))).toEqual([{ row: 0, column: '', message: expect.stringContaining('expected an array') }]);
  });

  it('rosterEntrySchema takes an empty seat as null', () => {
    expect(rosterEntrySchema.parse({ name: '王建国', delegation: '土沃乡', seat: '  ' }).seat).toBeNull();
  });

  it('names several names in one cell instead of running them together; padding and 复姓 stay one name', () => {
    // A printed name list pasted row by row puts several deputies in one cell; cleanName would store 王伟李小红.
    const csv = '姓名,代表团\n王　伟　李小红,城关镇\n王伟  李明,城关镇\n刘芳、张丽,龙港镇\n王　伟,城关镇\n王 小明,城关镇\n欧阳 娜娜,城关镇\n';
    expect(problemsOf(parseRosterCsv(csv))).toEqual([
      expect.objectContaining({ row: 2, column: '姓名', code: 'name_several', params: { written: '王　伟　李小红', parts: '王、伟、李小红' } }),
      expect.objectContaining({ row: 3, column: '姓名', code: 'name_several', params: { written: '王伟  李明', parts: '王伟、李明' } }),
      expect.objectContaining({ row: 4, column: '姓名', code: 'name_several', message: expect.stringMatching(/several names in one cell \(刘芳、张丽\)/) }),
    ]);
    expect(parseRosterCsv('姓名,代表团\n王　伟,城关镇\n王 小明,城关镇\n欧阳 娜娜,城关镇\n阿依古丽·买买提,城关镇\n')).toMatchObject({
      ok: true,
      deputies: [{ name: '王伟' }, { name: '王小明' }, { name: '欧阳娜娜' }, { name: '阿依古丽·买买提' }],
    });
    expect(rosterEntrySchema.safeParse({ name: '王伟 李小红', delegation: '城关镇' }).success).toBe(false);
  });

  it('two padded two-character names in one cell (王　伟　李　明, 王　伟　李明) are several names, not one deputy 王伟李明', () => {
    const csv = '姓名,代表团\n王　伟　李　明,城关镇\n王　伟　李明,龙港镇\n李明　王　伟,郑庄镇\n';
    expect(problemsOf(parseRosterCsv(csv))).toEqual([
      expect.objectContaining({ row: 2, code: 'name_several', params: { written: '王　伟　李　明', parts: '王、伟、李、明' } }),
      expect.objectContaining({ row: 3, code: 'name_several', params: { written: '王　伟　李明', parts: '王、伟、李明' } }),
      expect.objectContaining({ row: 4, code: 'name_several', params: { written: '李明　王　伟', parts: '李明、王、伟' } }),
    ]);
    // A three-character name spaced out is still one name.
    expect(parseRosterCsv('姓名,代表团\n王　小　明,城关镇\n')).toMatchObject({ ok: true, deputies: [{ name: '王小明' }] });
  });
});
