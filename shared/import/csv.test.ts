import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, parseCsv, toCsv } from './csv.ts';

const cells = (text: string) => {
  const r = parseCsv(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.rows.map((row) => row.cells);
};

describe('parseCsv', () => {
  it('reads plain records with LF, CRLF or a lone CR, with or without a final line break', () => {
    expect(cells('a,b\nc,d\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(cells('a,b\r\nc,d\r\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(cells('a,b\rc,d')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(cells('a,b\nc,d')).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('strips a UTF-8 BOM', () => {
    expect(cells('\uFEFF序号,项目名称\n1,口袋公园\n')).toEqual([['序号', '项目名称'], ['1', '口袋公园']]);
  });

  it('keeps empty cells, blank lines and an empty file as a spreadsheet shows them', () => {
    expect(cells('a,,c,\n\nd\n')).toEqual([['a', '', 'c', ''], [''], ['d']]);
    expect(cells('')).toEqual([]);
  });

  it('reads quoted cells with commas, doubled quotes and line breaks', () => {
    const text = '1,"牵头：住建局\n配合：A、B","say ""hi"", then go",x\r\n2,"a\r\nb",,"""q"""\n';
    expect(cells(text)).toEqual([
      ['1', '牵头：住建局\n配合：A、B', 'say "hi", then go', 'x'],
      ['2', 'a\r\nb', '', '"q"'],
    ]);
  });

  it('numbers each record by the line it starts on, counting line breaks inside quotes', () => {
    const r = parseCsv('h1,h2\n1,"a\nb\nc"\n2,"d\r\ne"\r\n3,f\n');
    expect(r.ok && r.rows.map((row) => row.line)).toEqual([1, 2, 5, 7]);
  });

  it('takes a stray quote inside an unquoted cell literally, as spreadsheets do', () => {
    expect(cells('5"屏,"ab"c\n')).toEqual([['5"屏', 'abc']]);
  });

  it('reports an unterminated quote with the line it opened on, keeping the records before it', () => {
    const r = parseCsv('a,b\n1,ok\n2,"never\ncloses\n3,x\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ line: 3, cell: 1, record: 2 });
    expect(r.error.message).toContain('line 3');
    expect(r.rows.map((row) => row.cells)).toEqual([['a', 'b'], ['1', 'ok']]);
  });
});

describe('toCsv', () => {
  it('quotes only when needed and ends every record with CRLF', () => {
    expect(toCsv([['序号', '项目名称'], ['1', 'a,b'], ['2', 'say "hi"'], ['3', 'x\ny'], ['4', ' pad']])).toBe(
      '序号,项目名称\r\n1,"a,b"\r\n2,"say ""hi"""\r\n3,"x\ny"\r\n4," pad"\r\n',
    );
    expect(csvField('plain')).toBe('plain');
  });

  it('can start with a BOM for Excel and use LF', () => {
    expect(toCsv([['a']], { bom: true, newline: '\n' })).toBe('\uFEFFa\n');
  });

  it('round-trips through parseCsv', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '中', ',', '"', '\n', '\r\n', ' ', '1') });
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(table, (rows) => {
        const back = parseCsv(toCsv(rows));
        expect(back.ok && back.rows.map((r) => r.cells)).toEqual(rows);
      }),
    );
  });
});
