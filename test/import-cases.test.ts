import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, makeApp, type TestApp } from './helpers/app.ts';
import { checkInTablets, meetingWithTablets, openBallot } from './helpers/factories.ts';

// The cases the office reported (issue 15; copied from shared/cases/ into test/fixtures/cases/), each through the
// real app over a real SQLite file: the HTTP contract the console uses, file bytes with their media type.

const CASES = path.join(import.meta.dirname, 'fixtures', 'cases');
const caseFile = (name: string) => readFileSync(path.join(CASES, name));
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await makeApp();
  cookie = (await t.as('operator')).cookie;
});
afterAll(async () => t.close());

async function newMeeting(): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/meetings', payload: { name: '测试会议', date: '2023-02-21' }, headers: { cookie } });
  return json(res).meeting.id as string;
}

/** POST an import with the file's bytes as the body and its media type. */
function sendFile(url: string, bytes: Buffer | string, type: string) {
  return t.app.inject({ method: 'POST', url, payload: bytes, headers: { cookie, 'content-type': type } });
}

async function seated(meetingId: string): Promise<number> {
  return json(await t.app.inject({ method: 'GET', url: `/api/meetings/${meetingId}/attendance`, headers: { cookie } })).seated as number;
}

describe('case unit-line-yuan: a unit line above the header', () => {
  const csv = caseFile('unit-line-yuan/candidates.csv').toString('utf8');

  it('reads bare amounts under 单位：元 in 元 (10000000 → 1000 万元), as a file and as {csv}', async () => {
    const m = await newMeeting();
    for (const res of [
      await sendFile(`/api/meetings/${m}/candidates/import?dryRun=true`, csv, 'text/csv'),
      await t.app.inject({ method: 'POST', url: `/api/meetings/${m}/candidates/import?dryRun=true`, payload: { csv }, headers: { cookie } }),
    ]) {
      expect(res.statusCode, res.body).toBe(200);
      expect(json(res).candidates.map((c: { budgetWan: number }) => c.budgetWan)).toEqual([1000]);
    }
  });

  it('reads the unit line however the office writes it: 人民币元, 单位(元), 单位/元, 单位为元, in the note too', async () => {
    // 800000 元 = 80 万元. Read as 万元 it would be 80 亿元 — under the plausibility bound, so nothing would ask.
    const small = csv.replace('10000000', '800000');
    const m = await newMeeting();
    for (const line of ['单位：人民币元', '单位(元)', '单位（元）', '单位/元', '金额单位为元', '（单位：人民币 元）']) {
      const res = await sendFile(`/api/meetings/${m}/candidates/import?dryRun=true`, small.replace('单位：元', line), 'text/csv');
      expect(res.statusCode, `${line}: ${res.body}`).toBe(200);
      expect(json(res).candidates[0].budgetWan, line).toBe(80);
    }
    const inNote = small.replace(',,,,,,,,,单位：元\r\n', '').replace('需财政投入资金（初步估算）', '需财政投入资金（单位：人民币元）');
    const res = await sendFile(`/api/meetings/${m}/candidates/import?dryRun=true`, inNote, 'text/csv');
    expect(json(res).candidates?.[0]?.budgetWan, res.body).toBe(80);
  });

  it('reads a table kept in 千元 or 百万元 (unit line, header note, cell) in that unit, not as 万元', async () => {
    // 8000 千元 = 800 万元; 8000 百万元 = 80 亿元. Read as 万元, both are plausible and nothing would ask.
    const m = await newMeeting();
    const eight = csv.replace('10000000', '8000');
    const noLine = eight.replace(',,,,,,,,,单位：元\r\n', '');
    for (const [label, body, wan] of [
      ['单位：千元', eight.replace('单位：元', '单位：千元'), 800],
      ['单位：百万元', eight.replace('单位：元', '单位：百万元'), 800_000],
      ['（千元）', noLine.replace('需财政投入资金（初步估算）', '需财政投入资金（千元）'), 800],
      ['8000千元', noLine.replace('8000', '8000千元'), 800],
    ] as const) {
      const res = await sendFile(`/api/meetings/${m}/candidates/import?dryRun=true`, body, 'text/csv');
      expect(res.statusCode, `${label}: ${res.body}`).toBe(200);
      expect(json(res).candidates[0].budgetWan, label).toBe(wan);
    }
  });

  it('asks for the unit when 单位：亿元 makes the bare number implausible, and takes the answer', async () => {
    const m = await newMeeting();
    const yi = csv.replace('单位：元', '单位：亿元');
    const asked = await sendFile(`/api/meetings/${m}/candidates/import?dryRun=true`, yi, 'text/csv');
    expect(asked.statusCode).toBe(400);
    const problems = json(asked).error.problems;
    expect(problems).toEqual([expect.objectContaining({ row: 3, column: '需财政投入资金（初步估算）', choice: 'unit' })]);
    expect(problems[0].message).toMatch(/more than 100亿元/);
    const answered = await sendFile(`/api/meetings/${m}/candidates/import?dryRun=true&unit=${encodeURIComponent('元')}`, yi, 'text/csv');
    expect(json(answered).candidates[0].budgetWan).toBe(1000);
  });

  it('asks when the unit line and the header disagree, and when a bare number is under 1 万元', async () => {
    const m = await newMeeting();
    const conflicting = csv.replace('需财政投入资金（初步估算）', '需财政投入资金（万元）');
    const res = await sendFile(`/api/meetings/${m}/candidates/import?dryRun=true`, conflicting, 'text/csv');
    expect(json(res).error.problems).toEqual([expect.objectContaining({ row: 2, choice: 'unit', message: expect.stringMatching(/单位：元.*万元/) })]);
    const tiny = csv.replace(',,,,,,,,,单位：元\r\n', '').replace('10000000', '0.5');
    const small = await sendFile(`/api/meetings/${m}/candidates/import?dryRun=true`, tiny, 'text/csv');
    expect(json(small).error.problems).toEqual([expect.objectContaining({ choice: 'unit', message: expect.stringMatching(/less than 1万元/) })]);
  });
});

/** A roster row the user must answer (code duplicate_choice: skip it as the same person, or keep both), with what the problem says of it. */
const duplicateAt = (row: number, column: string, more: { params: object; message?: unknown }) => ({ row, column, choice: 'duplicate', code: 'duplicate_choice', ...more });

describe('case roster-padded-names: 王　伟 and 王伟 are one deputy', () => {
  it('reports the supplement’s 王伟 as already on the roster, and keeps 3 seated', async () => {
    const m = await newMeeting();
    const first = await sendFile(`/api/meetings/${m}/deputies/import`, caseFile('roster-padded-names/roster-first.csv'), 'text/csv');
    expect(first.statusCode, first.body).toBe(201);
    const again = await sendFile(`/api/meetings/${m}/deputies/import`, caseFile('roster-padded-names/roster-supplement.csv'), 'text/csv');
    expect(again.statusCode).toBe(400);
    expect(json(again).error.problems).toMatchObject([
      duplicateAt(2, 'name', {
        params: { name: '王伟', delegation: '城关镇代表团', matchedBy: 'name_delegation', against: 'roster', otherName: '王伟', otherDelegation: '城关镇代表团' },
        message: '王伟 (城关镇代表团) is already on the roster: skip it (the same person) or keep both',
      }),
    ]);
    expect(await seated(m)).toBe(2);
    // The user answers: the same person. 赵新民 is added, 王伟 is not.
    const skipped = await sendFile(`/api/meetings/${m}/deputies/import?duplicates=skip`, caseFile('roster-padded-names/roster-supplement.csv'), 'text/csv');
    expect(skipped.statusCode, skipped.body).toBe(201);
    expect(json(skipped)).toMatchObject({ imported: 1, notes: [{ row: 2, message: expect.stringMatching(/^skipped/) }] });
    expect(await seated(m)).toBe(3);
    const names = json(await t.app.inject({ method: 'GET', url: `/api/meetings/${m}/deputies`, headers: { cookie } })).deputies.map((d: { name: string }) => d.name);
    expect(names.sort()).toEqual(['张建国', '王伟', '赵新民'].sort());
  });

  it('other padding: a no-break space, a thin space, a zero-width space or a stray BOM inside the name is the same 王伟', async () => {
    for (const padded of ['王\u00a0伟', '王\u2009伟', '王\u200b伟', '王\ufeff伟', '\u200b王伟\u3000']) {
      const m = await newMeeting();
      const first = await sendFile(`/api/meetings/${m}/deputies/import`, `姓名,代表团\n${padded},城关镇代表团\n`, 'text/csv');
      expect(first.statusCode, first.body).toBe(201);
      const names = json(await t.app.inject({ method: 'GET', url: `/api/meetings/${m}/deputies`, headers: { cookie } })).deputies.map((d: { name: string }) => d.name);
      expect(names, JSON.stringify(padded)).toEqual(['王伟']);
      const again = await sendFile(`/api/meetings/${m}/deputies/import?dryRun=true`, caseFile('roster-padded-names/roster-supplement.csv'), 'text/csv');
      expect(json(again).error?.problems, JSON.stringify(padded)).toMatchObject([{ row: 2, choice: 'duplicate' }]);
    }
  });

  it('reports one file holding both spellings, and keeps both only when told, noting it in the audit log', async () => {
    const m = await newMeeting();
    const file = caseFile('roster-padded-names/roster-one-file.csv');
    const res = await sendFile(`/api/meetings/${m}/deputies/import?dryRun=true`, file, 'text/csv');
    expect(json(res).error.problems).toMatchObject([
      duplicateAt(3, '姓名', {
        params: { matchedBy: 'name_delegation', against: 'file', otherRow: 2 },
        message: '王伟 (城关镇代表团) is also on row 2: skip it (the same person) or keep both',
      }),
    ]);
    const kept = await sendFile(`/api/meetings/${m}/deputies/import?duplicates=keep`, file, 'text/csv');
    expect(json(kept)).toMatchObject({ imported: 2, notes: [{ row: 3, message: expect.stringMatching(/^kept both/) }] });
    const audit = json(await t.app.inject({ method: 'GET', url: `/api/audit?meetingId=${m}`, headers: { cookie } }));
    expect(JSON.stringify(audit)).toContain('kept both');
  });

  it('a printed name list pasted with several names to a cell is named by row, not stored as one deputy 王伟李小红', async () => {
    const m = await newMeeting();
    const before = t.checksum();
    const res = await sendFile(`/api/meetings/${m}/deputies/import`, '姓名\t代表团\n王　伟　李小红\t城关镇代表团\n张建国\t龙港镇代表团\n', 'text/tab-separated-values');
    expect(res.statusCode).toBe(400);
    expect(json(res).error.problems).toEqual([expect.objectContaining({ row: 2, column: '姓名', code: 'name_several', params: { written: '王　伟　李小红', parts: '王、伟、李小红' } })]);
    expect(t.checksum()).toBe(before);
    const json1 = await t.app.inject({ method: 'POST', url: `/api/meetings/${m}/deputies/import`, payload: { deputies: [{ name: '王伟 李小红', delegation: '城关镇代表团' }] }, headers: { cookie } });
    expect(json1.statusCode).toBe(400);
    expect(await seated(m)).toBe(0);
  });

  it('reports a 代表证号 given twice, in one file and against the roster', async () => {
    const m = await newMeeting();
    const one = '姓名,代表团,代表证号\n李明,城关镇代表团,QS 001\n李 敏,龙港镇代表团,ＱＳ001\n';
    const res = await sendFile(`/api/meetings/${m}/deputies/import?dryRun=true`, one, 'text/csv');
    expect(json(res).error.problems).toMatchObject([
      duplicateAt(3, '代表证号', {
        params: { name: '李 敏', delegation: '龙港镇代表团', card: 'ＱＳ001', matchedBy: 'card_number', against: 'file', otherRow: 2, otherName: '李明' },
      }),
    ]);
    await sendFile(`/api/meetings/${m}/deputies/import`, '姓名,代表团,代表证号\n李明,城关镇代表团,QS001\n', 'text/csv');
    const later = await sendFile(`/api/meetings/${m}/deputies/import?dryRun=true`, '姓名,代表团,代表证号\n王芳,郑庄镇代表团,qs001\n', 'text/csv');
    expect(json(later).error.problems[0]).toMatchObject(
      duplicateAt(2, 'code', {
        params: { card: 'qs001', matchedBy: 'card_number', against: 'roster', otherName: '李明', otherDelegation: '城关镇代表团' },
        message: expect.stringMatching(/already on the roster/),
      }),
    );
  });

  it('removes a deputy added by mistake before any ballot opens (audited), and refuses once one has', async () => {
    const m = await newMeeting();
    await sendFile(`/api/meetings/${m}/deputies/import?duplicates=keep`, caseFile('roster-padded-names/roster-one-file.csv'), 'text/csv');
    expect(await seated(m)).toBe(2);
    const list = json(await t.app.inject({ method: 'GET', url: `/api/meetings/${m}/deputies`, headers: { cookie } })).deputies;
    const del = await t.app.inject({ method: 'DELETE', url: `/api/meetings/${m}/deputies/${list[1].id}`, payload: {}, headers: { cookie } });
    expect(del.statusCode, del.body).toBe(200);
    expect(await seated(m)).toBe(1);
    const audit = JSON.stringify(json(await t.app.inject({ method: 'GET', url: `/api/audit?meetingId=${m}`, headers: { cookie } })));
    expect(audit).toContain('deputy.removed');

    const s = await meetingWithTablets(t, 3);
    await checkInTablets(t, s.tokens);
    await openBallot(t, s);
    const before = t.checksum();
    const refused = await t.app.inject({ method: 'DELETE', url: `/api/meetings/${s.meetingId}/deputies/${s.deputyIds[0]}`, payload: {}, headers: { cookie: s.cookie } });
    expect(refused.statusCode).toBe(409);
    expect(json(refused).error.code).toBe('roster_locked');
    expect(t.checksum()).toBe(before);
  });
});

describe('case excel-paste-tsv: cells pasted from Excel', () => {
  it('reads tab-separated text pasted into the box ({csv}) and sent as text/tab-separated-values', async () => {
    const m = await newMeeting();
    const tsv = caseFile('excel-paste-tsv/roster.tsv').toString('utf8');
    const expected = [
      { name: '王大明', delegation: '城关镇代表团', seat: '1排1座' },
      { name: '李小红', delegation: '城关镇代表团', seat: '1排2座' },
    ];
    const pasted = await t.app.inject({ method: 'POST', url: `/api/meetings/${m}/deputies/import?dryRun=true`, payload: { csv: tsv }, headers: { cookie } });
    expect(pasted.statusCode, pasted.body).toBe(200);
    expect(json(pasted).deputies).toEqual(expected);
    expect(json(pasted).table.format).toBe('tsv');
    const file = await sendFile(`/api/meetings/${m}/deputies/import?dryRun=true`, tsv, 'text/tab-separated-values');
    expect(json(file).deputies).toEqual(expected);
  });
});

describe('case xlsx-upload: the workbook itself and Excel’s Unicode text', () => {
  const expected = [
    { name: '王大明', delegation: '城关镇代表团', seat: '1排1座' },
    { name: '李小红', delegation: '城关镇代表团', seat: '1排2座' },
    { name: '张建国', delegation: '龙港镇代表团', seat: '2排1座' },
  ];

  it('reads roster.xlsx as the rows it holds', async () => {
    const m = await newMeeting();
    const res = await sendFile(`/api/meetings/${m}/deputies/import?dryRun=true`, caseFile('xlsx-upload/roster.xlsx'), XLSX);
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res).deputies).toEqual(expected);
    expect(json(res).table).toMatchObject({ format: 'xlsx', sheet: expect.any(String) });
  });

  it('reads roster-unicode.txt (UTF-16LE with BOM, tab-separated), also when sent as text/plain', async () => {
    const m = await newMeeting();
    for (const type of ['text/plain', 'text/tab-separated-values', 'text/csv']) {
      const res = await sendFile(`/api/meetings/${m}/deputies/import?dryRun=true`, caseFile('xlsx-upload/roster-unicode.txt'), type);
      expect(res.statusCode, `${type}: ${res.body}`).toBe(200);
      expect(json(res).deputies).toEqual(expected);
      expect(json(res).table).toMatchObject({ format: 'tsv', encoding: 'utf-16le' });
    }
  });

  it('reads the sheet that holds the roster when the first is Excel’s empty Sheet1 or a hidden one', async () => {
    for (const before of ['empty', 'hidden'] as const) {
      const wb = new ExcelJS.Workbook();
      const first = wb.addWorksheet('Sheet1');
      if (before === 'hidden') {
        first.state = 'hidden';
        first.addRow(['旧名单']);
      }
      const ws = wb.addWorksheet('代表名单');
      ws.addRow(['姓名', '代表团', '座位']);
      for (const d of expected) ws.addRow([d.name, d.delegation, d.seat]);
      const m = await newMeeting();
      const res = await sendFile(`/api/meetings/${m}/deputies/import?dryRun=true`, Buffer.from(await wb.xlsx.writeBuffer()), XLSX);
      expect(res.statusCode, `${before}: ${res.body}`).toBe(200);
      expect(json(res).deputies).toEqual(expected);
      expect(json(res).table).toMatchObject({ sheet: '代表名单', sheets: ['Sheet1', '代表名单'] });
      // Naming the sheet still reads that one.
      const named = await sendFile(`/api/meetings/${m}/deputies/import?dryRun=true&sheet=Sheet1`, Buffer.from(await wb.xlsx.writeBuffer()), XLSX);
      expect(json(named).table?.sheet ?? json(named).error, before).not.toBe('代表名单');
    }
  });

  it('reads 代表证号 kept as numbers in a zero-padded format (000, "QS"000) as Excel shows them, so a later file matches', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('代表名单');
    ws.addRow(['姓名', '代表团', '代表证号']);
    ws.addRow(['王大明', '城关镇代表团', 1]).getCell(3).numFmt = '000';
    ws.addRow(['张建国', '龙港镇代表团', 3]).getCell(3).numFmt = '"QS"000';
    const m = await newMeeting();
    const res = await sendFile(`/api/meetings/${m}/deputies/import`, Buffer.from(await wb.xlsx.writeBuffer()), XLSX);
    expect(res.statusCode, res.body).toBe(201);
    const codes = json(await t.app.inject({ method: 'GET', url: `/api/meetings/${m}/deputies`, headers: { cookie } })).deputies.map((d: { code?: string | null }) => d.code);
    expect(codes.sort()).toEqual(['001', 'QS003']);
    const later = await sendFile(`/api/meetings/${m}/deputies/import?dryRun=true`, '姓名,代表团,代表证号\n张建华,龙港镇代表团,QS003\n', 'text/csv');
    expect(json(later).error.problems).toMatchObject([{ row: 2, code: 'duplicate_choice', params: { matchedBy: 'card_number', against: 'roster', otherName: '张建国' } }]);
  });

  // A row or column hidden in the sheet is named, never read unseen: a withdrawn deputy kept out of sight, old seats.
  it.each([
    { what: 'row', hide: (ws: ExcelJS.Worksheet) => (ws.getRow(3).hidden = true), problem: { row: 3, code: 'row_hidden' }, table: { hiddenRows: [3] } },
    { what: 'column', hide: (ws: ExcelJS.Worksheet) => (ws.getColumn(3).hidden = true), problem: { row: 1, column: '座位', code: 'column_hidden' }, table: { hiddenColumns: [2] } },
  ])('names a $what hidden in the sheet instead of reading it unseen', async ({ hide, problem, table }) => {
    const build = async (hidden: boolean) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('代表名单');
      ws.addRow(['姓名', '代表团', '座位']);
      for (const d of expected) ws.addRow([d.name, d.delegation, d.seat]);
      if (hidden) hide(ws);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const m = await newMeeting();
    const before = t.checksum();
    const res = await sendFile(`/api/meetings/${m}/deputies/import`, await build(true), XLSX);
    expect(res.statusCode).toBe(400);
    expect(json(res).error.problems).toEqual([expect.objectContaining(problem)]);
    expect(json(res).error.table).toMatchObject(table);
    expect(t.checksum()).toBe(before);
    expect(json(await sendFile(`/api/meetings/${m}/deputies/import?dryRun=true`, await build(false), XLSX)).deputies).toEqual(expected);
  });

  it('names an old binary .xls sent under a text type instead of decoding it as text', async () => {
    const m = await newMeeting();
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const before = t.checksum();
    for (const type of ['text/csv', 'text/plain']) {
      const res = await sendFile(`/api/meetings/${m}/deputies/import`, xls, type);
      expect(res.statusCode).toBe(400);
      expect(json(res).error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/old binary Excel \(\.xls\).*save it again as \.xlsx/) });
    }
    expect(t.checksum()).toBe(before);
  });

  it('reads a workbook sent under a text type by its ZIP signature, and names a ZIP that is neither', async () => {
    const m = await newMeeting();
    const res = await sendFile(`/api/meetings/${m}/deputies/import?dryRun=true`, caseFile('xlsx-upload/roster.xlsx'), 'text/csv');
    expect(json(res).deputies).toEqual(expected);
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60)]);
    const bad = await sendFile(`/api/meetings/${m}/deputies/import?dryRun=true`, zip, 'text/csv');
    expect(bad.statusCode).toBe(400);
    expect(json(bad).error.message).toMatch(/neither an Excel workbook/);
    const broken = await sendFile(`/api/meetings/${m}/deputies/import?dryRun=true`, Buffer.from('not a workbook'), XLSX);
    expect(json(broken).error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/not an Excel workbook/) });
  });
});
