import { describe, expect, it } from 'vitest';
import { parseBudget, parseContacts, parsePlan, parseUnits, unitFromNote } from './candidate-cells.ts';

describe('parseBudget', () => {
  it.each([
    ['1000万元', 1000],
    ['135万元', 135],
    ['135 万', 135],
    ['1.2亿元', 12000],
    ['1.2575亿', 12575],
    ['约80万元', 80],
    ['1,000万元', 1000],
    ['２８０万元', 280],
    ['0', 0],
    ['2.5', 2.5],
    ['500000元', 50],
    ['', null],
    ['—', null],
    ['无', null],
  ])('%s → %s', (cell, wan) => {
    expect(parseBudget(cell)).toMatchObject({ value: wan });
  });

  it('reads a bare number in the unit the header names', () => {
    expect(parseBudget('1.5', unitFromNote('亿元'))).toEqual({ value: 15000 });
    expect(parseBudget('1.5', unitFromNote('初步估算'))).toEqual({ value: 1.5 });
  });

  it.each(['一千万', '1000美元', '-5万元', '1000万元左右', '1.2.3'])('refuses %s', (cell) => {
    expect(parseBudget(cell)).toHaveProperty('error');
  });
});

describe('parsePlan', () => {
  it('reads periods as written and the trailing 投资约X万元', () => {
    const { value, errors } = parsePlan(
      [
        '2023-02：完成初步设计批复、财政评审，投资约50万元',
        '',
        '2023-Q1: 成立领导小组；到土沃乡开展巡回医疗',
        '2023：做好日常宣传工作。',
        '2023-03~2023-05：试运营，投资1.2亿元',
        '2023-monthly：每月 5 日前统计',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
    expect(value).toEqual([
      { period: '2023-02', amountWan: 50, text: '完成初步设计批复、财政评审' },
      { period: '2023-Q1', amountWan: null, text: '成立领导小组；到土沃乡开展巡回医疗' },
      { period: '2023', amountWan: null, text: '做好日常宣传工作。' },
      { period: '2023-03~2023-05', amountWan: 12000, text: '试运营' },
      { period: '2023-monthly', amountWan: null, text: '每月 5 日前统计' },
    ]);
  });

  it('reads the trailing amount in 元 or 千元 too, never leaving it in the text with no amount', () => {
    expect(parsePlan('2023-02：完成设计，投资约500000元\n2023-03：开工，投资8000千元').value).toEqual([
      { period: '2023-02', amountWan: 50, text: '完成设计' },
      { period: '2023-03', amountWan: 800, text: '开工' },
    ]);
  });

  it('leaves an amount in the middle of the text alone', () => {
    expect(parsePlan('2023-Q2：投资约50万元建设，完成30%').value).toEqual([
      { period: '2023-Q2', amountWan: null, text: '投资约50万元建设，完成30%' },
    ]);
  });

  it('names every line it cannot read', () => {
    const { value, errors } = parsePlan('2023-02：ok\n完成招标工作\n二季度：开工\n2023-04：');
    expect(value).toHaveLength(1);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toContain('line 2');
    expect(errors[1]).toContain('line 3');
    expect(errors[2]).toContain('line 4');
  });
});

describe('parseUnits', () => {
  it('reads labelled lines, lists split on 、，, and both colons', () => {
    expect(parseUnits('牵头：文旅局\n配合：县直各口、教育局，融媒体中心\n实施:文旅局,人民戏剧演出有限公司、12个乡镇').value).toEqual({
      lead: ['文旅局'],
      cooperate: ['县直各口', '教育局', '融媒体中心'],
      implement: ['文旅局', '人民戏剧演出有限公司', '12个乡镇'],
    });
  });

  it('accepts 牵头单位, several labels on a line, unlabelled lines and cells', () => {
    expect(parseUnits('牵头单位：住建局；配合单位：交警大队；园林中心\n城管局').value).toEqual({
      lead: ['住建局'],
      cooperate: ['交警大队', '园林中心', '城管局'],
      implement: [],
    });
    expect(parseUnits('住建局、城投公司').value).toEqual({ lead: ['住建局', '城投公司'], cooperate: [], implement: [] });
  });

  it('refuses an unknown role', () => {
    expect(parseUnits('监督：人大办').errors).toEqual(['unknown role "监督" (use 牵头, 配合 or 实施)']);
  });
});

describe('parseContacts', () => {
  it('reads one or several people, masked and short numbers included', () => {
    expect(parseContacts('李慧鑫 182****6981').value).toEqual([{ name: '李慧鑫', phone: '182****6981' }]);
    expect(parseContacts('郭梅梅 709****\n冯艳 135****2672').value).toEqual([
      { name: '郭梅梅', phone: '709****' },
      { name: '冯艳', phone: '135****2672' },
    ]);
  });

  it('reads names with spaces, glued or bracketed numbers, 、 separators and people without a phone', () => {
    expect(parseContacts('刘 建 138****1111、王波（0356-7021234）；张三13900001111，李四').value).toEqual([
      { name: '刘 建', phone: '138****1111' },
      { name: '王波', phone: '0356-7021234' },
      { name: '张三', phone: '13900001111' },
      { name: '李四', phone: '' },
    ]);
  });

  it('gives a second number to the person before, and refuses a number with no one before it', () => {
    expect(parseContacts('王波 0356-7021234、139****0633').value).toEqual([{ name: '王波', phone: '0356-7021234 139****0633' }]);
    expect(parseContacts('139****0633').errors).toEqual(['phone 139****0633 has no name before it']);
  });
});
