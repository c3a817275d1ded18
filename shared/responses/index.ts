import type { z } from 'zod';
import { accountListSchema, accountReplySchema, passwordResetSchema, sessionsEndedSchema, unitListSchema } from './accounts.ts';
import { auditListSchema, chainVerdictSchema } from './audit.ts';
import { ballotDetailSchema, ballotListSchema, paperOutcomeSchema, tallyReplySchema, turnoutSchema } from './ballots.ts';
import { candidateEditedSchema, candidateImportReplySchema, candidateListReplySchema } from './candidates.ts';
import { healthSchema, okReplySchema } from './common.ts';
import { deputyCheckInReplySchema, deputyMeSchema, pairingCodeSchema, pairReplySchema, tabletListSchema } from './devices.ts';
import { manualCheckInReplySchema, meetingAttendanceSchema, meetingCreatedSchema, meetingDetailSchema, meetingListSchema } from './meetings.ts';
import {
  paperDecidedSchema,
  paperDisputesSchema,
  paperEntriesSchema,
  paperEntryRecordedSchema,
  paperIssuedSchema,
  paperPrintedSchema,
  paperProgressReplySchema,
  paperSheetSchema,
} from './paper.ts';
import { displayListSchema, displayTokenSchema, projectorShowSchema } from './projector.ts';
import {
  calendarSchema,
  carriedOverSchema,
  completionReportReplySchema,
  evaluationCreatedSchema,
  importCompletedReplySchema,
  projectSettingsReplySchema,
  promotedSchema,
  promotionReplySchema,
  reviewQueueSchema,
  reportSettingsReplySchema,
  publicProjectListSchema,
  publicProjectReplySchema,
  reportFiledSchema,
  staffProjectListSchema,
  staffProjectReplySchema,
} from './projects.ts';
import { publicSupervisionReplySchema, supervisionChangedSchema, supervisionReplySchema } from './supervision.ts';
import { deputyListSchema, deputyRemovedSchema, rosterImportReplySchema } from './roster.ts';
import { publicBallotListSchema, publicBoxSchema, scrutineerKeyReplySchema, sealedKeySchema, unsealReplySchema } from './sealed.ts';
import {
  afterOpeningSchema,
  anchorReplySchema,
  approvalDoneSchema,
  approvalListSchema,
  approvalRefusedSchema,
  auditHeadsSchema,
  codesVoidedSchema,
  deviceListSchema,
  hallReplySchema,
  publicUrlReplySchema,
} from './trust.ts';
import { ballotRecordSchema } from '../record.ts';

// What every HTTP route answers on success, by "METHOD /url" as the app registers it. Errors are
// shared/errors.ts's errorBodySchema everywhere. The server's presenters are typed by these schemas and the
// screens infer their types from them; test/reliability/responses.test.ts walks every route and checks its
// answer against this table.

/**
 * A route that may answer other than JSON (a photo, the plain-text report): that answer's content type, and the
 * schema of its JSON answer when it has one.
 */
export interface NegotiatedReply {
  contentType: RegExp;
  json?: z.ZodType;
}

export type ResponseSpec = z.ZodType | NegotiatedReply;

const DOCX = /^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document$/;
const XLSX = /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet$/;

export const RESPONSES = {
  'GET /healthz': healthSchema,

  'POST /api/login': accountReplySchema,
  'POST /api/logout': okReplySchema,
  'GET /api/me': accountReplySchema,
  'GET /api/accounts': accountListSchema,
  'POST /api/accounts': accountReplySchema,
  'PATCH /api/accounts/:accountId': okReplySchema,
  'POST /api/accounts/:accountId/password-reset': passwordResetSchema,
  'POST /api/accounts/:accountId/end-sessions': sessionsEndedSchema,
  'POST /api/password': okReplySchema,
  'GET /api/units': unitListSchema,

  'GET /api/meetings': meetingListSchema,
  'POST /api/meetings': meetingCreatedSchema,
  'GET /api/meetings/:meetingId': meetingDetailSchema,
  'GET /api/meetings/:meetingId/attendance': meetingAttendanceSchema,
  'POST /api/meetings/:meetingId/check-ins': manualCheckInReplySchema,

  'GET /api/meetings/:meetingId/deputies': deputyListSchema,
  'POST /api/meetings/:meetingId/deputies/import': rosterImportReplySchema,
  'PATCH /api/meetings/:meetingId/deputies/:deputyId': okReplySchema,
  'DELETE /api/meetings/:meetingId/deputies/:deputyId': deputyRemovedSchema,
  'POST /api/meetings/:meetingId/deputies/:deputyId/pairing-code': pairingCodeSchema,
  'GET /api/meetings/:meetingId/tablets': tabletListSchema,

  'GET /api/meetings/:meetingId/candidates': candidateListReplySchema,
  'POST /api/meetings/:meetingId/candidates/import': candidateImportReplySchema,
  'PATCH /api/candidates/:id': candidateEditedSchema,

  'GET /api/meetings/:meetingId/ballots': ballotListSchema,
  'POST /api/meetings/:meetingId/ballots': ballotDetailSchema,
  'GET /api/ballots/:id': ballotDetailSchema,
  'PATCH /api/ballots/:id': ballotDetailSchema,
  'POST /api/ballots/:id/delete': okReplySchema,
  'POST /api/ballots/:id/open': ballotDetailSchema,
  'POST /api/ballots/:id/extend': ballotDetailSchema,
  'POST /api/ballots/:id/close': ballotDetailSchema,
  'POST /api/ballots/:id/announce': ballotDetailSchema,
  'GET /api/ballots/:id/tally': tallyReplySchema,
  'GET /api/ballots/:id/turnout': turnoutSchema,
  'GET /api/ballots/:id/record': ballotRecordSchema,
  'POST /api/ballots/:id/runoff': ballotDetailSchema,
  'POST /api/ballots/:id/presidium-decision': ballotDetailSchema,

  'POST /api/ballots/:id/paper/issue': paperIssuedSchema,
  'POST /api/ballots/:id/paper/print': paperPrintedSchema,
  'GET /api/ballots/:id/paper/sheet': paperSheetSchema,
  'GET /api/ballots/:id/paper': paperProgressReplySchema,
  'GET /api/ballots/:id/paper/entries': paperEntriesSchema,
  'POST /api/ballots/:id/paper/entries': paperEntryRecordedSchema,
  'GET /api/ballots/:id/paper/disputes': paperDisputesSchema,
  'POST /api/ballots/:id/paper/decisions': paperDecidedSchema,
  'POST /api/ballots/:id/paper/count': paperProgressReplySchema,

  'GET /api/meetings/:meetingId/display-tokens': displayListSchema,
  'POST /api/meetings/:meetingId/display-tokens': displayTokenSchema,
  'POST /api/display-tokens/:id/revoke': okReplySchema,
  'GET /api/meetings/:meetingId/projector/show': projectorShowSchema,
  'POST /api/meetings/:meetingId/projector/show': projectorShowSchema,

  'POST /api/devices/pair': pairReplySchema,
  'POST /api/devices/:id/revoke': okReplySchema,
  'GET /api/deputy/me': deputyMeSchema,
  'POST /api/deputy/check-in': deputyCheckInReplySchema,
  'POST /api/deputy/ballots/:id/papers': paperOutcomeSchema,

  'GET /api/audit': auditListSchema,
  'GET /api/audit/verify': chainVerdictSchema,

  'GET /api/projects': staffProjectListSchema,
  'GET /api/projects/:id': staffProjectReplySchema,
  'POST /api/projects/:id/reports': reportFiledSchema,
  'POST /api/projects/:id/complete': staffProjectReplySchema,
  'POST /api/projects/:id/complete/undo': staffProjectReplySchema,
  'POST /api/projects/:id/edit': staffProjectReplySchema,
  'POST /api/projects/:id/reports/:reportId/withdraw': staffProjectReplySchema,
  'POST /api/projects/:id/reports/:reportId/correct': reportFiledSchema,
  'POST /api/projects/import-completed': importCompletedReplySchema,
  /** ?format=json, or ?format=text for the same report as plain Chinese text. */
  'GET /api/projects/report-settings': reportSettingsReplySchema,
  'PUT /api/projects/report-settings': reportSettingsReplySchema,
  'GET /api/projects/report': { json: completionReportReplySchema, contentType: /^text\/plain; charset=utf-8$/ },
  'POST /api/ballots/:id/promote': promotionReplySchema,
  'GET /api/ballots/:id/promoted': promotedSchema,
  'GET /api/projects/settings': projectSettingsReplySchema,
  'PUT /api/projects/settings': projectSettingsReplySchema,
  'GET /api/projects/review-queue': reviewQueueSchema,
  'POST /api/projects/:id/reports/:reportId/approve': staffProjectReplySchema,
  'POST /api/projects/:id/reports/:reportId/return': staffProjectReplySchema,
  'GET /api/projects/calendar': calendarSchema,
  'POST /api/projects/:id/carry-over': carriedOverSchema,
  'POST /api/projects/:id/carry-over/undo': staffProjectReplySchema,
  'GET /api/projects/:id/supervision': supervisionReplySchema,
  'POST /api/projects/:id/inspections': supervisionChangedSchema,
  'POST /api/projects/:id/inspections/:inspectionId/edit': supervisionChangedSchema,
  'POST /api/projects/:id/inspections/:inspectionId/withdraw': supervisionChangedSchema,
  'POST /api/projects/:id/opinions': supervisionChangedSchema,
  'POST /api/projects/:id/opinions/:opinionId/reply': supervisionChangedSchema,
  'POST /api/projects/:id/opinions/:opinionId/verdict': supervisionChangedSchema,
  'POST /api/projects/:id/rectifications/:rectificationId/deadline': supervisionChangedSchema,
  'POST /api/projects/:id/rectifications/:rectificationId/reports': supervisionChangedSchema,
  'POST /api/projects/:id/rectifications/:rectificationId/close': supervisionChangedSchema,
  'GET /api/public/projects/:id/supervision': publicSupervisionReplySchema,
  'GET /api/public/inspection-photos/:photoId': { contentType: /^image\/(jpeg|png|webp)$/ },
  'POST /api/meetings/:meetingId/evaluations': evaluationCreatedSchema,
  'GET /api/public/projects': publicProjectListSchema,
  'GET /api/public/projects/:id': publicProjectReplySchema,
  'GET /api/public/photos/:photoId': { contentType: /^image\/(jpeg|png|webp)$/ },

  'PUT /api/meetings/:meetingId/scrutineer-key': scrutineerKeyReplySchema,
  'GET /api/ballots/:id/sealed-key': sealedKeySchema,
  'POST /api/ballots/:id/unseal': unsealReplySchema,
  'GET /api/public/ballots': publicBallotListSchema,
  'GET /api/public/ballots/:id/box': publicBoxSchema,

  'GET /api/hall': hallReplySchema,
  'POST /api/hall/public-url': publicUrlReplySchema,
  'GET /api/meetings/:meetingId/approvals': approvalListSchema,
  'POST /api/approvals/:id/approve': approvalDoneSchema,
  'POST /api/approvals/:id/refuse': approvalRefusedSchema,
  'GET /api/meetings/:meetingId/after-opening': afterOpeningSchema,
  'GET /api/meetings/:meetingId/devices': deviceListSchema,
  'POST /api/meetings/:meetingId/pairing-codes/void': codesVoidedSchema,
  'GET /api/ballots/:id/anchor': anchorReplySchema,
  'GET /api/public/audit-heads': auditHeadsSchema,

  // Files for Word and Excel/WPS (server/exports/, server/import/templates.ts): attachments, not JSON.
  'GET /api/import-templates/:kind/:format': { contentType: /^(text\/csv; charset=utf-8|application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet)$/ },
  'GET /api/ballots/:id/report.docx': { contentType: DOCX },
  'GET /api/ballots/:id/results.xlsx': { contentType: XLSX },
  'GET /api/ballots/:id/results.csv': { contentType: /^text\/csv; charset=utf-8$/ },
  'GET /api/ballots/:id/turnout.xlsx': { contentType: XLSX },
  'GET /api/projects/report.docx': { contentType: DOCX },
  'GET /api/projects/list.xlsx': { contentType: XLSX },
} as const satisfies Record<string, ResponseSpec>;

export type RouteKey = keyof typeof RESPONSES;
/** The body a route answers with, for the routes that answer JSON. */
export type ReplyOf<K extends RouteKey> = (typeof RESPONSES)[K] extends z.ZodType
  ? z.output<(typeof RESPONSES)[K]>
  : (typeof RESPONSES)[K] extends { json: infer S extends z.ZodType }
    ? z.output<S>
    : never;
