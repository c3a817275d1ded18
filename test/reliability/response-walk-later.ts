import { expect } from 'vitest';
import { PNG_1PX, type ResponseWalk } from './response-walk.ts';

// The later parts of the responses walk (test/reliability/responses.test.ts): paper ballots counted by two clerks
// with a dispute the scrutineer decides; the secretariat's review of a unit's reports; deputies' supervision
// (inspections, opinions, 整改); the calendar and carry-over (结转续建).

export interface WalkHall {
  meetingId: string;
  deputyIds: string[];
  candidateIds: string[];
  /** Signed-in cookies. */
  scrutineer: Record<string, string>;
  unit: Record<string, string>;
}

/** A non-secret ballot on paper for one deputy: printed, issued, closed, entered twice (differing), decided, counted. */
export async function walkPaper(w: ResponseWalk, hall: WalkHall): Promise<void> {
  const [a, b] = [hall.candidateIds[12]!, hall.candidateIds[13]!];
  const created = await w.call('POST', '/api/meetings/:meetingId/ballots', { params: { meetingId: hall.meetingId }, body: { title: '纸质票决', candidateIds: [a, b], seats: 1, threshold: 'none', secret: false } });
  const params = { id: created.ballot.id as string };
  expect((await w.call('POST', '/api/ballots/:id/paper/print', { params, body: { count: 2 } })).serials).toEqual(['0001', '0002']);
  await w.call('GET', '/api/ballots/:id/paper/sheet', { params });
  await w.call('POST', '/api/ballots/:id/open', { params });
  await w.call('POST', '/api/ballots/:id/paper/issue', { params, body: { deputyId: hall.deputyIds[0]! } });
  await w.call('GET', '/api/ballots/:id/paper', { params });
  await w.close(params.id);
  const clerks = [];
  for (const username of ['clerk-a', 'clerk-b']) {
    await w.call('POST', '/api/accounts', { body: { username, password: `${username}-password`, role: 'operator' } });
    clerks.push(await w.signIn(username, `${username}-password`));
  }
  await w.call('POST', '/api/ballots/:id/paper/entries', { params, body: { serial: '1', marks: { [a]: 'for' } }, headers: clerks[0]! });
  await w.call('POST', '/api/ballots/:id/paper/entries', { params, body: { serial: '0001', marks: { [b]: 'for' } }, headers: clerks[1]! });
  expect((await w.call('GET', '/api/ballots/:id/paper/entries', { params, headers: clerks[0]! })).entries).toHaveLength(1);
  expect((await w.call('GET', '/api/ballots/:id/paper/disputes', { params, headers: hall.scrutineer })).disputes).toHaveLength(1);
  await w.call('POST', '/api/ballots/:id/paper/decisions', { params, body: { serial: '0001', marks: { [a]: 'for' } }, headers: hall.scrutineer });
  expect((await w.call('POST', '/api/ballots/:id/paper/count', { params })).countedAt).not.toBeNull();
}

/**
 * The 2023 project the unit (住建局) leads: its reports wait for review (one approved, one sent back); an
 * inspection (with a photo) corrected and withdrawn; an opinion answered by the unit and judged.
 */
export async function walkReviewAndSupervision(w: ResponseWalk, hall: WalkHall, projectId: string): Promise<void> {
  const params = { id: projectId };
  expect((await w.call('GET', '/api/projects/settings')).settings.reviewUnitReports).toBe(true);
  await w.call('PUT', '/api/projects/settings', { body: { reviewUnitReports: true } });
  const report = { date: '2023-04-01', spentWan: 5, outputs: {}, note: '单位填报' };
  const first = await w.call('POST', '/api/projects/:id/reports', { params, body: report, headers: hall.unit });
  const second = await w.call('POST', '/api/projects/:id/reports', { params, body: { ...report, note: '单位再报' }, headers: hall.unit });
  expect((await w.call('GET', '/api/projects/review-queue', { query: '?year=2023' })).items).toHaveLength(2);
  await w.call('POST', '/api/projects/:id/reports/:reportId/approve', { params: { ...params, reportId: first.reportId } });
  await w.call('POST', '/api/projects/:id/reports/:reportId/return', { params: { ...params, reportId: second.reportId }, body: { reason: '数字有误' } });

  const roster = (await w.call('GET', '/api/projects/:id/supervision', { params })).roster as { id: string }[];
  const inspection = { date: '2023-05-09', kind: 'inspection', deputyIds: [roster[0]!.id], findings: '已开工。' };
  const inspectionBody = { ...inspection, photos: [{ filename: 'site.png', contentType: 'image/png', dataBase64: PNG_1PX }], clientKey: 'walk-inspection-1' };
  const made = await w.call('POST', '/api/projects/:id/inspections', { params, body: inspectionBody });
  // A resend with the form's key: the first inspection, replayed (200).
  expect(await w.call('POST', '/api/projects/:id/inspections', { params, body: inspectionBody })).toMatchObject({ inspectionId: made.inspectionId, replayed: true });
  const photo = made.supervision.inspections[0].photos[0].id as string;
  await w.call('GET', '/api/public/inspection-photos/:photoId', { params: { photoId: photo }, headers: {} });
  const inspectionId = { ...params, inspectionId: made.inspectionId as string };
  await w.call('POST', '/api/projects/:id/inspections/:inspectionId/edit', { params: inspectionId, body: { reason: '补录', inspection: { ...inspection, kind: 'supervision' } } });
  await w.call('GET', '/api/public/projects/:id/supervision', { params, headers: {} });
  await w.call('POST', '/api/projects/:id/inspections/:inspectionId/withdraw', { params: inspectionId, body: { reason: '重复录入' } });
  const opinionBody = { deputyId: roster[1]!.id, date: '2023-05-10', text: '建议加快进度。', clientKey: 'walk-opinion-1' };
  const opinion = await w.call('POST', '/api/projects/:id/opinions', { params, body: opinionBody });
  expect(await w.call('POST', '/api/projects/:id/opinions', { params, body: opinionBody })).toMatchObject({ opinionId: opinion.opinionId, replayed: true });
  const opinionId = { ...params, opinionId: opinion.opinionId as string };
  await w.call('POST', '/api/projects/:id/opinions/:opinionId/reply', { params: opinionId, body: { text: '已加派人手。' }, headers: hall.unit });
  await w.call('POST', '/api/projects/:id/opinions/:opinionId/verdict', { params: opinionId, body: { verdict: 'satisfied' } });
}

/** 整改 of a project rated 不满意: its deadline, a follow-up report, closure. */
export async function walkRectification(w: ResponseWalk, projectId: string): Promise<void> {
  const params = { id: projectId };
  const task = (await w.call('GET', '/api/projects/:id/supervision', { params })).supervision.rectifications[0];
  const rectification = { ...params, rectificationId: task.id as string };
  // Nothing of a task is dated before it was opened (date_before_opened); the walk runs on today's clock.
  const opened = task.openedOn as string;
  await w.call('POST', '/api/projects/:id/rectifications/:rectificationId/deadline', { params: rectification, body: { deadline: opened } });
  const followUp = { date: opened, text: '已完成整改方案。', clientKey: 'walk-follow-up-1' };
  const filed = await w.call('POST', '/api/projects/:id/rectifications/:rectificationId/reports', { params: rectification, body: followUp });
  expect(await w.call('POST', '/api/projects/:id/rectifications/:rectificationId/reports', { params: rectification, body: followUp })).toMatchObject({ reportId: filed.reportId, replayed: true });
  await w.call('POST', '/api/projects/:id/rectifications/:rectificationId/close', { params: rectification, body: { date: opened, note: '整改完成' } });
}

/** The calendar, and an unfinished project carried into the next year and back. */
export async function walkYearEnd(w: ResponseWalk, projectId: string): Promise<void> {
  await w.call('GET', '/api/projects/calendar', { query: '?asOf=2023-03-01' });
  const carried = await w.call('POST', '/api/projects/:id/carry-over', { params: { id: projectId }, body: { reason: '跨年施工' } });
  expect(carried.next.carriedFrom.projectId).toBe(projectId);
  await w.call('POST', '/api/projects/:id/carry-over/undo', { params: { id: projectId }, body: { reason: '误操作' } });
}
