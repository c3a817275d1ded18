import { describe, expect, it } from 'vitest';
import { parseCsv } from '../import/csv.ts';
import { isFormulaLike, neutraliseCell, toSpreadsheetCsv } from './safe-csv.ts';

// CSV injection (issue 12; OWASP "CSV Injection"): what a spreadsheet would run gets a leading apostrophe.

describe('CSV cells for Excel/WPS', () => {
  it('neutralises = + - @, tab and CR at the start of a cell', () => {
    for (const cell of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=1', '\r=1', '=HYPERLINK("http://x","y")', '-', '+']) {
      expect(isFormulaLike(cell)).toBe(true);
      expect(neutraliseCell(cell)).toBe(`'${cell}`);
    }
  });

  it('leaves ordinary text, Chinese, signed numbers and numbers alone', () => {
    for (const cell of ['口袋公园建设项目', 'a=b', '“1+N”防贫综合保险项目', '', ' =1', "'already"]) expect(neutraliseCell(cell)).toBe(cell);
    expect(neutraliseCell('-3')).toBe('-3');
    expect(neutraliseCell('+12.5')).toBe('+12.5');
    expect(neutraliseCell(-3)).toBe('-3');
    expect(neutraliseCell(null)).toBe('');
  });

  it('writes a BOM, CRLF and quotes, and every formula-like cell reads back with its apostrophe', () => {
    const csv = toSpreadsheetCsv([
      ['项目名称', '赞成'],
      ['=1+1', 8],
      ['a,"b"', null],
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('\r\n');
    const table = parseCsv(csv);
    expect(table.ok && table.rows.map((r) => r.cells)).toEqual([
      ['项目名称', '赞成'],
      ["'=1+1", '8'],
      ['a,"b"', ''],
    ]);
  });
});
