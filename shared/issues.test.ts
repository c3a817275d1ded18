import { describe, expect, it } from 'vitest';
import { createBallotBodySchema, extendBallotBodySchema, createMeetingBodySchema } from './api.ts';
import { formatIssues } from './errors.ts';
import { importCompletedBodySchema, photoUploadSchema, progressReportBodySchema, yearSchema } from './projects.ts';
import type { z } from 'zod';

const first = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected a refusal');
  return formatIssues(parsed.error)[0];
};

describe('every refusal the screens translate carries a stable code (shared/issues.ts)', () => {
  it('reads the generic checks: empty, too long, too short, too small, negative, not a number, not a date', () => {
    expect(first(createMeetingBodySchema, { name: ' ', date: '2023-01-01' })).toMatchObject({ path: 'name', code: 'required' });
    expect(first(createMeetingBodySchema, { name: 'x'.repeat(201), date: '2023-01-01' })).toMatchObject({ code: 'max_chars', params: { max: 200 } });
    expect(first(createMeetingBodySchema, { name: 'x', date: '2023-02-30' })).toMatchObject({ path: 'date', code: 'date' });
    expect(first(progressReportBodySchema, { date: '2023-03-01', spentWan: -1 })).toMatchObject({ path: 'spentWan', code: 'negative' });
    expect(first(progressReportBodySchema, { date: '2023-03-01', spentWan: Number.NaN })).toMatchObject({ path: 'spentWan', code: 'not_a_number' });
    expect(first(createBallotBodySchema, { title: 'x', seats: 0 })).toMatchObject({ path: 'seats', code: 'min_number', params: { min: 1 } });
  });

  it('keeps the meaning of the checks that have their own words', () => {
    expect(first(createBallotBodySchema, { title: 'x', durationSeconds: 5 })).toMatchObject({ code: 'min_seconds', params: { min: 10 }, message: 'at least 10 seconds' });
    expect(first(extendBallotBodySchema, { seconds: 3601 })).toMatchObject({ code: 'max_extension', message: 'at most one hour at a time' });
    expect(first(createBallotBodySchema, { title: 'x', candidateIds: [] })).toMatchObject({ code: 'min_candidates' });
    expect(first(yearSchema, 1999)).toMatchObject({ code: 'year', message: 'a year such as 2023' });
    expect(first(yearSchema, 2023.5)).toMatchObject({ code: 'year' });
    expect(first(photoUploadSchema, { filename: 'a.gif', contentType: 'image/gif', dataBase64: 'AAAA' })).toMatchObject({ path: 'contentType', code: 'photo_type' });
    expect(first(photoUploadSchema, { filename: 'a.png', contentType: 'image/png', dataBase64: 'A'.repeat(3_000_000) })).toMatchObject({ code: 'photo_too_large' });
    expect(first(progressReportBodySchema, { date: '2023-03-01', spentWan: 1, milestonesReached: [1, 1] })).toMatchObject({ code: 'milestone_twice' });
    expect(first(importCompletedBodySchema, { year: 2022, projects: [] })).toMatchObject({ path: 'projects', code: 'no_projects' });
  });

  it('still accepts what it accepted', () => {
    expect(yearSchema.parse(2023)).toBe(2023);
    expect(extendBallotBodySchema.parse({ seconds: 3600 })).toEqual({ seconds: 3600 });
    expect(photoUploadSchema.parse({ filename: 'a.png', contentType: 'image/png', dataBase64: 'AAAA' }).contentType).toBe('image/png');
  });
});
