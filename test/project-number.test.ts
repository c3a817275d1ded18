import mammoth from 'mammoth';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDemo } from '../server/demo/load-demo.ts';
import { makeApp, type TestApp } from './helpers/app.ts';
import { meetingWithTablets } from './helpers/factories.ts';
import { at, caller } from './helpers/year.ts';

// Issue 14, "numbered as the public knows them (1…n)": the demo year tracks six of fifteen candidates (ballot
// numbers 1, 4, 6, 7, 13, 14). Each project carries one number within its year — 1…6 in the year's order — and the
// public page, the console list, detail and review queue, the 满意度测评 paper (as created, as the tablet lists it and as printed)
// and the completion report (JSON, .docx 附表) all show that number; `seq` stays the ballot's.

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** The .docx 附表 rows as [序号, first line of 项目名称]: every table row whose first cell is a number. */
async function docxNumbers(buffer: Buffer): Promise<Map<string, number>> {
  const html = (await mammoth.convertToHtml({ buffer })).value;
  const out = new Map<string, number>();
  for (const row of html.match(/<tr>.*?<\/tr>/g) ?? []) {
    const cells = [...row.matchAll(/<td>(.*?)<\/td>/g)].map((m) => m[1]!.replace(/<p>(.*?)<\/p>.*$/, '$1').replace(/<[^>]+>/g, ''));
    if (cells[0] && /^\d+$/.test(cells[0])) out.set(cells[1]!, Number(cells[0]));
  }
  return out;
}

describe('a tracked project’s number', () => {
  it('is the same on the public page, the console, the evaluation paper and the completion report', async () => {
    const clock = at('2026-11-30T10:00:00');
    t = await makeApp({ now: () => clock });
    await loadDemo(t.opened.db, clock);
    const call = caller(t);
    const { cookie } = await t.as('operator');
    const year = 2026;

    const publicList = (await call('GET', `/api/public/projects?year=${year}`)).body.projects as { id: string; seq: number; number: number; name: string }[];
    // The ballot's numbers stay as they were; the year's numbers are 1…6 in their order.
    const bySeq = [...publicList].sort((a, b) => a.seq - b.seq);
    expect(bySeq.map((p) => p.seq)).toEqual([1, 4, 6, 7, 13, 14]);
    expect(bySeq.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6]);
    const want = new Map(publicList.map((p) => [p.id, p.number]));
    const byName = new Map(publicList.map((p) => [p.name, p.number]));

    // The console list and each project's page, staff and public.
    const staffList = (await call('GET', `/api/projects?year=${year}`, cookie)).body.projects as { id: string; number: number }[];
    expect(new Map(staffList.map((p) => [p.id, p.number]))).toEqual(want);
    for (const [id, n] of want) {
      expect((await call('GET', `/api/projects/${id}`, cookie)).body.project.number).toBe(n);
      expect((await call('GET', `/api/public/projects/${id}`)).body.project.number).toBe(n);
    }

    // The review queue (the demo's one unit report waiting: 县城中心城区慢行系统改造项目, ballot number 4).
    const queue = (await call('GET', `/api/projects/review-queue?year=${year}`, cookie)).body.items as { project: { id: string; seq: number; number: number } }[];
    expect(queue.map((i) => [i.project.seq, i.project.number])).toEqual([[4, 2]]);

    // The 满意度测评 at the next year's session, of four of the six: each keeps its year number (no renumbering 1…4).
    const next = await meetingWithTablets(t, 3, undefined, `${year + 1}-02-20`);
    const chosen = bySeq.filter((_, i) => i !== 1 && i !== 3);
    const created = await call('POST', `/api/meetings/${next.meetingId}/evaluations`, cookie, { year, title: `${year} 年民生实事项目满意度测评`, projectIds: chosen.map((p) => p.id) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const paperWant = chosen.map((p) => [p.id, p.number]);
    expect(created.body.projects.map((p: { projectId: string; number: number }) => [p.projectId, p.number])).toEqual(paperWant);
    // What the tablet and the projector list (the ballot's items) and the printed paper ballot show.
    expect(created.body.candidates.map((c: { id: string; seq: number }) => [c.id, c.seq])).toEqual(paperWant);
    const sheet = await call('GET', `/api/ballots/${created.body.ballot.id}/paper/sheet`, cookie);
    expect(sheet.status, JSON.stringify(sheet.body)).toBe(200);
    expect(sheet.body.candidates.map((c: { id: string; seq: number }) => [c.id, c.seq])).toEqual(paperWant);

    // The completion report, grouped by the year's themes (the county's grouping kept), each project labelled with
    // its year number — in JSON (the printed page reads it) and in the .docx 附表.
    const themes = [
      { name: '文化教育', projectIds: [bySeq[5]!.id, bySeq[2]!.id] },
      { name: '城市建设', projectIds: [bySeq[3]!.id, bySeq[0]!.id, bySeq[1]!.id] },
    ];
    const put = await call('PUT', `/api/projects/report-settings?year=${year}`, cookie, { county: '沁水县', themes });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const report = (await call('GET', `/api/projects/report?year=${year}&format=json`, cookie)).body.report as { categories: { category: string; projects: { id: string; number: number }[] }[] };
    expect(report.categories.slice(0, 2).map((c) => [c.category, c.projects.map((p) => p.number)])).toEqual([
      ['文化教育', [6, 3]],
      ['城市建设', [4, 1, 2]],
    ]);
    expect(new Map(report.categories.flatMap((c) => c.projects.map((p) => [p.id, p.number])))).toEqual(want);
    const docx = await t.app.inject({ method: 'GET', url: `/api/projects/report.docx?year=${year}`, headers: { cookie } });
    expect(docx.statusCode, docx.body).toBe(200);
    expect(await docxNumbers(docx.rawPayload)).toEqual(byName);
  });
});
