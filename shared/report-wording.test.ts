import { describe, expect, it } from 'vitest';
import { moneyText, numbersIn, ordinalIs, outputPhrase, projectSentence } from './report-wording.ts';

describe('the completion report wording (DESIGN §11)', () => {
  it('writes money in 亿元 from 1 亿 up and in 万元 below', () => {
    expect(moneyText(26700)).toBe('2.67 亿元');
    expect(moneyText(10000)).toBe('1 亿元');
    expect(moneyText(9999.5)).toBe('9999.5 万元');
    expect(moneyText(870)).toBe('870 万元');
  });

  it('numbers a theme 一是, 二是 … 十一是', () => {
    expect([1, 2, 10, 11, 20].map(ordinalIs)).toEqual(['一是', '二是', '十是', '十一是', '二十是']);
  });

  it('puts an output in the source word order: 受益居民 61977 户, 43 村, 县道 8', () => {
    expect(outputPhrase('受益居民户', 61977)).toBe('受益居民 61977 户');
    expect(outputPhrase('改造面积平方米', 19850)).toBe('改造面积 19850 平方米');
    expect(outputPhrase('村', 43)).toBe('43 村');
    expect(outputPhrase('县道', 8)).toBe('县道 8');
  });

  it('states every figure once: the outcome as written, then only the figures it lacks', () => {
    const s = projectSentence({ name: '管道燃气改造', outcome: '对管道燃气户内设施进行安全改造，投资 870 万元。', investmentWan: 870, outputs: { 受益居民户: 61977 } });
    expect(s).toBe('对管道燃气户内设施进行安全改造，投资 870 万元，受益居民 61977 户。');
    expect(numbersIn(s)).toEqual([870, 61977]);
    // An outcome that says 2.67 亿元 states the 26700 万元.
    expect(projectSentence({ name: 'x', outcome: '投资 2.67 亿元', investmentWan: 26700, outputs: {} })).toBe('投资 2.67 亿元。');
    // No outcome: the name and the figures.
    expect(projectSentence({ name: '县乡村道水毁修复', outcome: '', investmentWan: 26700, outputs: { 县道: 8 } })).toBe('县乡村道水毁修复，完成投资 2.67 亿元，县道 8。');
    expect(projectSentence({ name: '无投资项目', outcome: '', investmentWan: null, outputs: {} })).toBe('无投资项目。');
  });
});
