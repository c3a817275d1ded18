import { describe, expect, it } from 'vitest';
import { actionName, detailLines } from './auditFormat.ts';

describe('audit log wording', () => {
  it('names actions in both languages and keeps an unknown code as it is', () => {
    expect(actionName('zh-CN', 'ballot.opened')).toBe('开始投票');
    expect(actionName('en', 'device.revoked')).toBe('Tablet revoked');
    expect(actionName('zh-CN', 'something.new')).toBe('something.new');
  });
  it('formats details as lines: times as dates, name lists joined', () => {
    const lines = detailLines({ count: 2, names: ['甲', '乙'], projects: [{ name: '项目一', projectId: 'p1' }], expiresAt: Date.UTC(2027, 1, 21, 2, 0), extra: { a: 1 } });
    expect(lines[0]).toEqual(['count', '2']);
    expect(lines[1]).toEqual(['names', '甲、乙']);
    expect(lines[2]).toEqual(['projects', '项目一']);
    expect(lines[3]![1]).toMatch(/2027/);
    expect(lines[4]).toEqual(['extra', '{"a":1}']);
  });
});
