import { describe, expect, it } from 'vitest';
import { formatUnit, paddedCode } from './xlsx.ts';

// A number's cell format is part of what the cell says: 800000 shown as "800,000元" is 80 万元. A format whose unit
// went unseen left the bare number to be read in 万元 — 10,000 times too large, under the plausibility bound.
describe('formatUnit: the money unit a cell format writes', () => {
  it.each([
    ['0"万元"', '万元', 1],
    ['#,##0"元"', '元', 1],
    ['"¥"#,##0.00"元"', '元', 1],
    ['"人民币"#,##0"元"', '元', 1],
    ['#,##0"元整"', '元', 1],
    ['0.00"（元）"', '元', 1],
    ['0.00亿元', '亿元', 1],
    ['0.00\\亿\\元', '亿元', 1],
    ['#,##0"百万元"', '百万元', 1],
    ['G/通用格式"元"', '元', 1],
    ['G/通用格式"万元"', '万元', 1],
    ['0!.0000"万元"', '万元', 10_000],
    ['0"."0000"万元"', '万元', 10_000],
    ['#,##0.0,"千元"', '千元', 1000],
  ])('%s → %s ÷ %d', (fmt, unit, divisor) => {
    expect(formatUnit(fmt)).toEqual({ unit, divisor });
  });

  it.each([undefined, 'General', 'G/通用格式', '0.00', '#,##0', '0"人"', 'yyyy"年"m"月"d"日"', '0.0%'])('%s names no money unit', (fmt) => {
    expect(formatUnit(fmt)).toBeNull();
  });

  it('a zero-padded code format still reads as Excel shows it', () => {
    expect(paddedCode('000', 1)).toBe('001');
    expect(paddedCode('"QS"0000', 3)).toBe('QS0003');
    expect(paddedCode('G/通用格式', 3)).toBeNull();
  });
});
