import { afterAll, beforeAll, expect, it } from 'vitest';
import { RESPONSES } from '../../shared/responses/index.ts';
import { ADMIN_PASSWORD, makeApp, type TestApp } from '../helpers/app.ts';
import { demoRoster, rosterCsv } from '../../server/demo/roster.ts';
import { fixtureText, TOWNSHIPS } from '../helpers/hall.ts';
import { newKeyPair, sealReady } from '../../shared/seal.ts';
import { PNG_1PX, ResponseWalk } from './response-walk.ts';
import { walkPaper, walkRectification, walkReviewAndSupervision, walkYearEnd } from './response-walk-later.ts';
import { isStaticRoute, ownRoutes, routeKey } from './routes.ts';

// Every HTTP route's answer against its schema in shared/responses/: one realistic session (sign-in; accounts
// reset, re-passworded, signed out, disabled; a meeting, roster and candidates — previewed from a file, the
// templates, a deputy removed — tablets, a draft edited and deleted, ballots with a tie settled by run-off and by
// the presidium, announcement, tracked projects with a photo, a report corrected and withdrawn, a project edited,
// completed, undone; the public page, audit, revocations; the meeting's scrutineer key, so every
// secret ballot closes sealed and is opened with the recovery sheet; after the session opened, a re-pairing
// approved and a manual check-in refused by the scrutineer, unused codes voided; the hall address; the public
// ballot boxes and audit heads; the Word and Excel files) walks every route the app serves. A route
// without a schema, a route the session did not reach, or an answer its schema refuses fails the test.

let t: TestApp;
let w: ResponseWalk;

beforeAll(async () => {
  t = await makeApp();
  await sealReady();
  w = new ResponseWalk(t);
  w.scrutineerKey = newKeyPair();
});
afterAll(async () => t.close());

it('every route answers within its schema, through a whole session', async () => {
  await w.call('GET', '/healthz', { headers: {} });
  const login = await t.app.inject({ method: 'POST', url: '/api/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
  w.check('POST /api/login', login);
  w.headers = { cookie: String(login.headers['set-cookie']).split(';')[0]! };
  await w.call('GET', '/api/me');
  const unit = (await w.call('POST', '/api/accounts', { body: { username: 'zhujianju', password: 'unit-password-1', role: 'unit', unitName: '住建局' } })).account;
  await w.call('POST', '/api/accounts', { body: { username: 'jianpiao', password: 'jianpiao-password', role: 'scrutineer' } });
  await w.call('GET', '/api/accounts');
  // The unit's password reset (a one-time one), changed by its holder; its sessions ended; disabled and enabled.
  const unitAccount = { accountId: unit.id };
  const { password: oneTime } = await w.call('POST', '/api/accounts/:accountId/password-reset', { params: unitAccount });
  const unitLogin = await t.app.inject({ method: 'POST', url: '/api/login', payload: { username: 'zhujianju', password: oneTime } });
  w.check('POST /api/login', unitLogin);
  expect(JSON.parse(unitLogin.body).account.mustChangePassword).toBe(true);
  const unitCookie = { cookie: String(unitLogin.headers['set-cookie']).split(';')[0]! };
  await w.call('POST', '/api/password', { body: { currentPassword: oneTime, newPassword: 'unit-password-2' }, headers: unitCookie });
  expect((await w.call('POST', '/api/accounts/:accountId/end-sessions', { params: unitAccount })).ended).toBe(1);
  await w.call('PATCH', '/api/accounts/:accountId', { params: unitAccount, body: { disabled: true } });
  await w.call('PATCH', '/api/accounts/:accountId', { params: unitAccount, body: { disabled: false } });
  const scrutLogin = await t.app.inject({ method: 'POST', url: '/api/login', payload: { username: 'jianpiao', password: 'jianpiao-password' } });
  const scrutineer = { cookie: String(scrutLogin.headers['set-cookie']).split(';')[0]! };
  await w.call('GET', '/api/hall');
  await w.call('POST', '/api/hall/public-url', { body: { publicUrl: null } });

  // The meeting, its candidates and roster (previewed, then imported), a deputy edited.
  const meetingId: string = (await w.call('POST', '/api/meetings', { body: { name: '沁水县第十七届人民代表大会第四次会议', date: '2023-02-21' } })).meeting.id;
  await w.call('GET', '/api/meetings');
  const params = { meetingId };
  await w.call('PUT', '/api/meetings/:meetingId/scrutineer-key', { params, body: { publicKey: w.scrutineerKey.publicKey } });
  const candidatesCsv = { csv: fixtureText('qinshui-2023-candidates.csv') };
  await w.call('POST', '/api/meetings/:meetingId/candidates/import', { params, query: '?dryRun=true', body: candidatesCsv });
  const candidateIds: string[] = (await w.call('POST', '/api/meetings/:meetingId/candidates/import', { params, body: candidatesCsv })).candidates.map((c: { id: string }) => c.id);
  await w.call('GET', '/api/meetings/:meetingId/candidates', { params });
  await w.call('PATCH', '/api/candidates/:id', { params: { id: candidateIds[14]! }, body: { remarks: '备注更正' } });
  await w.call('GET', '/api/units');
  for (const kind of ['roster', 'candidates']) for (const format of ['csv', 'xlsx']) await w.call('GET', '/api/import-templates/:kind/:format', { params: { kind, format } });
  const roster = { csv: rosterCsv(demoRoster(TOWNSHIPS, 8)) };
  // The roster previewed as a file sent as it is (the answer carries the grid as read), then imported.
  const previewed = await w.call('POST', '/api/meetings/:meetingId/deputies/import', { params, query: '?dryRun=true', file: { type: 'text/csv', text: roster.csv } });
  expect(previewed.table.format).toBe('csv');
  await w.call('POST', '/api/meetings/:meetingId/deputies/import', { params, query: '?dryRun=true', body: roster });
  await w.call('POST', '/api/meetings/:meetingId/deputies/import', { params, body: roster });
  const listed: string[] = (await w.call('GET', '/api/meetings/:meetingId/deputies', { params })).deputies.map((d: { id: string }) => d.id);
  // One deputy removed before any ballot opens.
  await w.call('DELETE', '/api/meetings/:meetingId/deputies/:deputyId', { params: { meetingId, deputyId: listed.at(-1)! } });
  const deputyIds = listed.slice(0, -1);
  await w.call('PATCH', '/api/meetings/:meetingId/deputies/:deputyId', { params: { meetingId, deputyId: deputyIds[5]! }, body: { seated: false } });

  // Tablets: paired, checked in (one by hand), the deputies' own view.
  const tokens: string[] = [];
  let deviceId = '';
  for (const deputyId of deputyIds.slice(0, 5)) {
    const { code } = await w.call('POST', '/api/meetings/:meetingId/deputies/:deputyId/pairing-code', { params: { meetingId, deputyId } });
    const paired = await w.call('POST', '/api/devices/pair', { body: { code }, headers: {} });
    tokens.push(paired.token);
    deviceId = paired.deviceId;
  }
  for (const token of tokens.slice(0, 4)) await w.call('POST', '/api/deputy/check-in', { headers: { authorization: `Bearer ${token}` } });
  await w.call('POST', '/api/meetings/:meetingId/check-ins', { params, body: { deputyId: deputyIds[4]!, note: '平板故障' } });
  await w.call('GET', '/api/meetings/:meetingId', { params });
  await w.call('GET', '/api/meetings/:meetingId/attendance', { params });
  await w.call('GET', '/api/deputy/me', { headers: { authorization: `Bearer ${tokens[0]}` } });

  // The projector's screens.
  const display = await w.call('POST', '/api/meetings/:meetingId/display-tokens', { params, body: { label: '主会场' } });
  await w.call('GET', '/api/meetings/:meetingId/display-tokens', { params });
  await w.call('POST', '/api/meetings/:meetingId/projector/show', { params, body: { show: 'attendance' } });
  await w.call('GET', '/api/meetings/:meetingId/projector/show', { params });
  await w.call('GET', '/api/meetings/:meetingId/tablets', { params });

  // A draft ballot corrected, then thrown away.
  const draft: string = (await w.call('POST', '/api/meetings/:meetingId/ballots', { params, body: { title: '草稿', seats: 3 } })).ballot.id;
  await w.call('PATCH', '/api/ballots/:id', { params: { id: draft }, body: { title: '草稿（改）', seats: 2 } });
  await w.call('POST', '/api/ballots/:id/delete', { params: { id: draft } });

  // The selection: 15 candidates for 10 places, all five present vote for the first ten.
  const ten = Object.fromEntries(candidateIds.slice(0, 10).map((id) => [id, 'for']));
  const created = await w.call('POST', '/api/meetings/:meetingId/ballots', { params, body: { title: '民生实事项目票决', seats: 10 } });
  const selection: string = created.ballot.id;
  await w.call('POST', '/api/ballots/:id/open', { params: { id: selection } });
  await w.call('POST', '/api/ballots/:id/extend', { params: { id: selection }, body: { seconds: 60 } });
  // The session has opened: a re-pairing and a manual check-in wait for the scrutineer (DESIGN §7).
  const repair = await w.call('POST', '/api/meetings/:meetingId/deputies/:deputyId/pairing-code', { params: { meetingId, deputyId: deputyIds[4]! } });
  expect(repair.pending.kind).toBe('pairing_code');
  const late = await w.call('POST', '/api/meetings/:meetingId/check-ins', { params, body: { deputyId: deputyIds[6]! } });
  expect(late.pending.kind).toBe('manual_check_in');
  await w.call('GET', '/api/meetings/:meetingId/approvals', { params, query: '?status=pending' });
  const approved = await w.call('POST', '/api/approvals/:id/approve', { params: { id: repair.pending.id }, headers: scrutineer });
  expect(approved.code).toMatch(/^\d{8}$/);
  await w.call('POST', '/api/approvals/:id/refuse', { params: { id: late.pending.id }, headers: scrutineer });
  await w.call('GET', '/api/meetings/:meetingId/devices', { params });
  expect((await w.call('POST', '/api/meetings/:meetingId/pairing-codes/void', { params })).voided).toBe(1);
  await w.call('GET', '/api/meetings/:meetingId/after-opening', { params });
  await w.call('GET', '/api/deputy/me', { headers: { authorization: `Bearer ${tokens[0]}` } });
  for (const [i, token] of tokens.entries()) {
    const body = { key: `selection-paper-${i}-0000000`, marks: ten };
    await w.call('POST', '/api/deputy/ballots/:id/papers', { params: { id: selection }, body, headers: { authorization: `Bearer ${token}` } });
    if (i === 0) await w.call('POST', '/api/deputy/ballots/:id/papers', { params: { id: selection }, body, headers: { authorization: `Bearer ${token}` } });
  }
  await w.call('GET', '/api/ballots/:id/turnout', { params: { id: selection } });
  // The server loses the ballot key held in memory, as a restart would: the selection closes with its opening
  // pending, and the scrutineer's recovery sheet opens it (GET …/sealed-key, POST …/unseal).
  t.app.ballots.keys.forget(selection);
  expect((await w.close(selection)).ballot.openingPending).toBe(false);
  await w.call('GET', '/api/ballots/:id/tally', { params: { id: selection } });
  await w.call('POST', '/api/ballots/:id/announce', { params: { id: selection } });
  expect((await w.call('GET', '/api/ballots/:id/promoted', { params: { id: selection } })).count).toBe(10);
  await w.call('GET', '/api/ballots/:id/record', { params: { id: selection } });
  await w.call('GET', '/api/ballots/:id/anchor', { params: { id: selection } });
  await w.call('GET', '/api/public/audit-heads', { headers: {} });
  await w.call('GET', '/api/public/ballots', { query: '?year=2023', headers: {} });
  const box = await w.call('GET', '/api/public/ballots/:id/box', { params: { id: selection }, headers: {} });
  expect(box.box).toHaveLength(5);
  for (const file of ['report.docx', 'results.xlsx', 'results.csv', 'turnout.xlsx']) await w.call('GET', `/api/ballots/:id/${file}`, { params: { id: selection } });
  await w.call('POST', '/api/ballots/:id/promote', { params: { id: selection } });

  // Ties at the cut (one place, two candidates 2:2 with threshold none): settled by a run-off, and by the presidium.
  const [a, b] = [candidateIds[10]!, candidateIds[11]!];
  const tied = [{ [a]: 'for' }, { [a]: 'for' }, { [b]: 'for' }, { [b]: 'for' }];
  const tie = { candidateIds: [a, b], seats: 1, threshold: 'none' };
  const withRunoff = await w.votedBallot(meetingId, tokens, { ...tie, ties: 'runoff' }, tied);
  await w.call('POST', '/api/ballots/:id/runoff', { params: { id: withRunoff } });
  const withPresidium = await w.votedBallot(meetingId, tokens, { ...tie, ties: 'presidium', secret: false }, tied);
  await w.call('POST', '/api/ballots/:id/presidium-decision', { params: { id: withPresidium }, body: { selected: [a], note: '主席团决定' } });
  await w.call('GET', '/api/ballots/:id', { params: { id: withPresidium } });
  await w.call('GET', '/api/ballots/:id/record', { params: { id: withPresidium } });
  await w.call('GET', '/api/meetings/:meetingId/ballots', { params });
  const unitAgain = await w.signIn('zhujianju', 'unit-password-2');
  const hall = { meetingId, deputyIds, candidateIds, scrutineer, unit: unitAgain };
  await walkPaper(w, hall);

  // Tracked projects: a report with a photo, completion, a completed year imported and rated, the report.
  const projects = (await w.call('GET', '/api/projects', { query: '?year=2023' })).projects as { id: string; units: { lead: string[] } }[];
  const project = projects[0]!.id;
  const unitProject = projects.find((p) => p.units.lead.includes('住建局'))!.id;
  const unfinished = projects.find((p) => p.id !== project && p.id !== unitProject)!.id;
  const filed = await w.call('POST', '/api/projects/:id/reports', {
    params: { id: project },
    body: { date: '2023-02-21', spentWan: 12.5, outputs: { 体检人数: 650 }, note: '已开工', photos: [{ filename: 'site.png', contentType: 'image/png', dataBase64: PNG_1PX }] },
  });
  await w.call('GET', '/api/projects/:id', { params: { id: project } });
  // The report corrected (the original withdrawn), the correction withdrawn; the project's fields edited.
  const correction = { date: '2023-02-21', spentWan: 10, outputs: { 体检人数: 600 }, note: '数字更正' };
  const corrected = await w.call('POST', '/api/projects/:id/reports/:reportId/correct', { params: { id: project, reportId: filed.reportId }, body: { reason: '填错了', report: correction } });
  const withdrawn = await w.call('POST', '/api/projects/:id/reports/:reportId/withdraw', { params: { id: project, reportId: corrected.reportId }, body: { reason: '重复填报' } });
  expect(withdrawn.project.withdrawnReports).toHaveLength(2);
  await w.call('POST', '/api/projects/:id/edit', { params: { id: project }, body: { reason: '名称更正', fields: { remarks: '更正备注' } } });
  // Completed (late and with nodes open, each said why), undone, completed again.
  const completion = { date: '2023-12-30', note: '按期完成', lateReason: '资金到位晚', openReason: '部分节点并入下年' };
  await w.call('POST', '/api/projects/:id/complete', { params: { id: project }, body: completion });
  await w.call('POST', '/api/projects/:id/complete/undo', { params: { id: project }, body: { reason: '误标完成' } });
  await w.call('POST', '/api/projects/:id/complete', { params: { id: project }, body: completion });
  await w.call('POST', '/api/projects/import-completed', { body: JSON.parse(fixtureText('qinshui-2022-completed.json')) });
  const evaluation = await w.call('POST', '/api/meetings/:meetingId/evaluations', { params, body: { year: 2022, title: '2022 年民生实事项目满意度测评' } });
  const evalId: string = evaluation.ballot.id;
  await w.call('POST', '/api/ballots/:id/open', { params: { id: evalId } });
  // The first project rated 不满意: its 整改 opens on the announcement.
  const ratings = Object.fromEntries(evaluation.candidates.map((c: { id: string }, i: number) => [c.id, i === 0 ? 'dissatisfied' : 'satisfied']));
  for (const [i, token] of tokens.entries()) {
    await w.call('POST', '/api/deputy/ballots/:id/papers', { params: { id: evalId }, body: { key: `evaluation-paper-${i}-000000`, marks: ratings }, headers: { authorization: `Bearer ${token}` } });
  }
  await w.close(evalId);
  await w.call('POST', '/api/ballots/:id/announce', { params: { id: evalId } });
  await w.call('POST', '/api/ballots/:id/promote', { params: { id: evalId } });
  await walkRectification(w, (evaluation.projects as { itemId: string; projectId: string }[]).find((p) => p.itemId === evaluation.candidates[0].id)!.projectId);
  await walkReviewAndSupervision(w, hall, unitProject);
  await walkYearEnd(w, unfinished);
  // The year's report settings: the county named, one theme regrouping a project.
  await w.call('PUT', '/api/projects/report-settings', { query: '?year=2023', body: { county: '沁水县', themes: [{ name: '城乡建设', projectIds: [project] }] } });
  await w.call('GET', '/api/projects/report-settings', { query: '?year=2023' });
  await w.call('GET', '/api/projects/report', { query: '?year=2022' });
  const text = await w.call('GET', '/api/projects/report', { query: '?year=2023&format=text' });
  expect(typeof text).toBe('string');
  await w.call('GET', '/api/projects/report.docx', { query: '?year=2022' });
  await w.call('GET', '/api/projects/list.xlsx', { query: '?year=2023' });

  // The public page, the photo.
  await w.call('GET', '/api/public/projects', { headers: {} });
  await w.call('GET', '/api/public/projects/:id', { params: { id: project }, headers: {} });
  const photo = (filed.project.reports as { photos: { id: string }[] }[]).flatMap((r) => r.photos)[0]!;
  await w.call('GET', '/api/public/photos/:photoId', { params: { photoId: photo.id }, headers: {} });

  // Audit; then revocations and sign-out.
  await w.call('GET', '/api/audit', { query: `?meetingId=${meetingId}&limit=1000` });
  await w.call('GET', '/api/audit/verify');
  await w.call('POST', '/api/display-tokens/:id/revoke', { params: { id: display.id } });
  await w.call('POST', '/api/devices/:id/revoke', { params: { id: deviceId } });
  await w.call('POST', '/api/logout');

  const served = ownRoutes(t.app)
    .filter((r) => !isStaticRoute(r.url) && r.url !== '/ws')
    .map(routeKey);
  expect(served.filter((k) => !(k in RESPONSES)), 'routes without a response schema in shared/responses/index.ts').toEqual([]);
  expect(Object.keys(RESPONSES).filter((k) => !served.includes(k)), 'schemas for routes the app does not serve').toEqual([]);
  expect(served.filter((k) => !w.checked.has(k)), 'routes this session did not reach').toEqual([]);
});
