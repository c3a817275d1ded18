import { describe, expect, it } from 'vitest';
import { parseRosterCsv } from './roster.ts';

// The import's problems carry stable codes, so the console shows them in the reader's language (issue 10 item 7):
// never an English sentence in the Chinese screen.
const problemsOf = (r: { ok: boolean } & Record<string, unknown>) => (r.ok ? [] : (r.problems as { code?: string; message: string }[]));

describe('import problems are coded', () => {
  it('a shifted row, a duplicate and a unit clash each carry their code', () => {
    const roster = parseRosterCsv('姓名,代表团\n王伟,城关镇\n王　伟,城关镇\n张三,城关镇,多余\n');
    const codes = problemsOf(roster as never).map((p) => p.code);
    expect(codes).toContain('duplicate_choice');
    expect(codes).toContain('cell_count');
    for (const p of problemsOf(roster as never)) expect(p.code, p.message).toBeDefined();
  });
});
