import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { numbersIn } from '../shared/report-wording.ts';
import { json, type TestApp } from './helpers/app.ts';
import { completed2022, operatorAppIn2023 } from './helpers/completed-2022.ts';

// The 2022 completion report as the county writes it (issue 16, DESIGN §11, part 一 of the seed): titled with the
// county, the headline "12 件，全部按期完成", per theme 一是/二是, each project's figures exactly the source's —
// every figure once, in the source's words (2.67 亿元, 200 余公里, 约 19850) — and themes the secretariat regroups.

const fixture = completed2022();
const sorted = (a: number[]) => [...a].sort((x, y) => x - y);

let t: TestApp;
let cookie: string;
beforeEach(async () => {
  ({ t, cookie } = await operatorAppIn2023());
  const imported = await t.app.inject({ method: 'POST', url: '/api/projects/import-completed', headers: { cookie }, payload: fixture });
  expect(imported.statusCode, imported.body).toBe(201);
});
afterEach(async () => t.close());

const reportText = async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/projects/report?year=2022&format=text', headers: { cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.body;
};
const putSettings = (payload: unknown) =>
  t.app.inject({ method: 'PUT', url: '/api/projects/report-settings?year=2022', headers: { cookie, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

describe('the 2022 completion report against part 一 of the seed', () => {
  it('reads figure for figure like the source, in its structure', async () => {
    expect((await putSettings({ county: '沁水县', themes: [] })).statusCode).toBe(200);
    const text = await reportText();
    const lines = text.split('\n');
    expect(lines[0]).toBe('沁水县 2022 年民生实事项目完成情况');
    expect(text).toContain('2022 年实施民生实事项目 12 件，全部按期完成，');
    // Themes in the source's order, numbered 一、二、…, each heading whole.
    const themes = [...new Set(fixture.projects.map((p) => p.category))];
    const headings = lines.filter((l) => /^[一二三四五六七八九十]+、/.test(l));
    expect(headings.map((h) => h.replace(/^[一二三四五六七八九十]+、/, '').replace(/（.*$/, ''))).toEqual(themes);
    expect(headings[0]).toBe('一、完善基础设施（4 件，完成投资 3.139 亿元）');
    // Sentence by sentence: 一是/二是 within each theme, and every figure of the source once — no more, no less.
    for (const theme of themes) {
      const start = lines.findIndex((l) => l.includes(`、${theme}（`));
      fixture.projects
        .filter((p) => p.category === theme)
        .forEach((p, i) => {
          const line = lines[start + 1 + i]!;
          const ordinal = ['一是', '二是', '三是', '四是'][i]!;
          expect(line.startsWith(ordinal), line).toBe(true);
          expect(sorted(numbersIn(line.slice(ordinal.length))), `${p.name}: ${line}`).toEqual(sorted(numbersIn(p.text)));
        });
    }
    // The source's words are kept: money in 亿元 from 1 亿 up, approximate figures approximate.
    expect(text).toContain('投资 2.67 亿元');
    expect(text).toContain('200 余公里');
    expect(text).toContain('约 19850 平方米');
    expect(text).not.toContain('26700');
    // No data-sheet line of unrelated output labels.
    expect(text).not.toContain('主要产出');
  });

  it('regroups projects into the themes the secretariat sets, in its order, and audits it', async () => {
    const list = json(await t.app.inject({ method: 'GET', url: '/api/projects?year=2022', headers: { cookie } })).projects as { id: string; name: string }[];
    const id = (name: string) => list.find((p) => p.name === name)!.id;
    const res = await putSettings({ county: '沁水县', themes: [{ name: '守护群众健康', projectIds: [id('应急急救体系建设'), id('教师免费健康体检')] }] });
    expect(res.statusCode, res.body).toBe(200);
    const lines = (await reportText()).split('\n');
    const h = lines.indexOf('一、守护群众健康（2 件，完成投资 1962.71 万元）');
    expect(h, lines.join('\n')).toBeGreaterThan(0);
    expect(lines[h + 1]).toMatch(/^一是实施应急急救体系建设项目/);
    expect(lines[h + 2]).toMatch(/^二是为全县教师免费健康体检/);
    // The others stay under their categories, after the themes.
    expect(lines.some((l) => l.startsWith('二、完善基础设施（4 件'))).toBe(true);
    expect(lines.some((l) => l.startsWith('三、繁荣文化教育（3 件'))).toBe(true);
    const audit = json(await t.app.inject({ method: 'GET', url: '/api/audit?limit=5', headers: { cookie: (await t.as('admin')).cookie } }));
    expect(JSON.stringify(audit)).toContain('projects.report_settings');
  });

  it('refuses a project of another year, one in two themes, or a repeated theme, and changes nothing', async () => {
    const list = json(await t.app.inject({ method: 'GET', url: '/api/projects?year=2022', headers: { cookie } })).projects as { id: string }[];
    const before = t.checksum();
    for (const payload of [
      { county: '', themes: [{ name: 'a', projectIds: ['nope-not-a-project'] }] },
      { county: '', themes: [{ name: 'a', projectIds: [list[0]!.id] }, { name: 'b', projectIds: [list[0]!.id] }] },
      { county: '', themes: [{ name: 'a', projectIds: [] }, { name: 'a', projectIds: [] }] },
      { county: 'x'.repeat(41), themes: [] },
    ]) {
      const res = await putSettings(payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(json(res).error.code).toBe('invalid_input');
    }
    expect(t.checksum()).toBe(before);
  });
});
