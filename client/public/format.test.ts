import { describe, expect, it } from 'vitest';
import { formatDate, formatPercent, formatPeriod, formatWan } from './format.ts';
import { translate } from '../i18n/catalogue.ts';
import { routeSearch, readRoute } from './route.ts';

describe('the public page formats figures as a county report writes them', () => {
  it('万元 without grouping, at most two decimals; English as every screen writes money (× 10k yuan, grouped)', () => {
    expect(formatWan('zh-CN', 26700)).toBe('26700\u00a0万元');
    expect(formatWan('zh-CN', 36214.35)).toBe('36214.35\u00a0万元');
    expect(formatWan('zh-CN', 1 / 3)).toBe('0.33\u00a0万元');
    expect(formatWan('en', 26700)).toBe('26,700\u00a0× 10k yuan');
    expect(formatWan('en', 676.91)).toBe('676.91\u00a0× 10k yuan');
    expect(formatPercent(2 / 3)).toBe('66.7%');
  });

  it('dates and plan periods in words, anything unknown as written', () => {
    expect(formatDate('zh-CN', '2023-03-01')).toBe('2023年3月1日');
    expect(formatDate('en', '2023-03-01')).toBe('2023-03-01');
    expect(formatPeriod('zh-CN', '2023-Q1')).toBe('2023年第1季度');
    expect(formatPeriod('zh-CN', '2023-02')).toBe('2023年2月');
    expect(formatPeriod('zh-CN', '2023')).toBe('2023年全年');
    expect(formatPeriod('zh-CN', '2023-monthly')).toBe('2023年每月');
    expect(formatPeriod('zh-CN', '2023-H2')).toBe('2023年下半年');
    expect(formatPeriod('zh-CN', '2023-03~2023-05')).toBe('2023年3月 – 2023年5月');
    expect(formatPeriod('en', '2023-Q4')).toBe('Q4 2023');
    expect(formatPeriod('zh-CN', '年底前')).toBe('年底前');
  });

  it('fills placeholders and keeps the URL state round-trippable', () => {
    expect(translate('zh-CN', 'public.list.empty', { year: 2030 })).toBe('2030 年暂无民生实事项目。');
    expect(translate('en', 'public.status.lagging')).toBe('Behind schedule');
    expect(readRoute(routeSearch({ year: 2023, projectId: 'p-abc_1' }))).toEqual({ year: 2023, projectId: 'p-abc_1' });
    expect(readRoute('?year=20x3&project=../x')).toEqual({ year: null, projectId: null });
  });
});
