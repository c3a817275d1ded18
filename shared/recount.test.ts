import { describe, expect, it } from 'vitest';
import { twoCandidateRecord, twoCandidateTally } from '../test/helpers/ballot-record.ts';
import { recount } from './recount.ts';

const record = (tally?: unknown): unknown => twoCandidateRecord(tally);

const EXPECTED = twoCandidateTally({ returned: 3, valid: 2, invalid: 1 });

describe('recount', () => {
  it('tallies a record without a recorded tally', () => {
    expect(recount(record())).toMatchObject({ ok: true, tally: EXPECTED, mismatches: [] });
  });

  it('agrees with a correct recorded tally', () => {
    expect(recount(record(EXPECTED))).toMatchObject({ ok: true, tally: EXPECTED, mismatches: [] });
  });

  it('lists the differences from a wrong recorded tally', () => {
    const wrong = { ...EXPECTED, papers: { returned: 3, valid: 3, invalid: 0 } };
    expect(recount(record(wrong))).toMatchObject({
      ok: true,
      tally: EXPECTED,
      mismatches: ['papers.valid: recorded 3, recount 2', 'papers.invalid: recorded 0, recount 1'],
    });
  });

  it('refuses what is not a ballot record, as path: message lines', () => {
    expect(recount([])).toEqual({ ok: false, errors: ['(record): Invalid input: expected object, received array'] });
    const result = recount({ ...(record() as object), papers: [{ id: 'p-1', marks: {} }, { id: 'p-1', marks: {} }] });
    expect(result).toEqual({ ok: false, errors: ['papers: duplicate paper id "p-1"'] });
  });
});

describe('recount: "rated-majority" (record @2)', () => {
  const evaluation = (format: string, threshold = 'rated-majority', options = ['satisfied', 'basically_satisfied', 'dissatisfied']) => ({
    format,
    ballot: { id: 'b1', title: 't', options, maxApprovals: null, seats: null, threshold, blank: 'abstain', ties: 'runoff', secret: true },
    attendance: { seated: 5, present: 4 },
    candidates: [{ id: 'pr-1', name: '口袋公园' }],
    papers: [
      { id: 'p-1', marks: { 'pr-1': 'satisfied' } },
      { id: 'p-2', marks: { 'pr-1': 'dissatisfied' } },
      { id: 'p-3', marks: { 'pr-1': 'satisfied' } },
      { id: 'p-4', marks: {} },
    ],
    // @2 secret ballots carry their box: one tracker per tablet paper.
    ...(format.endsWith('@2') ? { box: ['a', 'b', 'c', 'd'].map((c) => c.repeat(64)) } : {}),
  });

  it('rates against those who rated the project', () => {
    const result = recount(evaluation('piaojue/ballot-record@2'));
    expect(result).toMatchObject({ ok: true, tally: { candidates: [{ id: 'pr-1', rating: 'satisfied', satisfactionRate: 2 / 3 }] } });
    // The same papers under the all-valid-papers base: 2 of 4 is not a majority.
    const valid = recount(evaluation('piaojue/ballot-record@2', 'valid-majority'));
    expect(valid).toMatchObject({ ok: true, tally: { candidates: [{ rating: 'dissatisfied', satisfactionRate: 0.5 }] } });
  });

  it('refuses "rated-majority" in a version 1 record or on a selection ballot', () => {
    expect(recount(evaluation('piaojue/ballot-record@1'))).toEqual({
      ok: false,
      errors: ['ballot.threshold: "rated-majority" needs format "piaojue/ballot-record@2"'],
    });
    const selection = recount({ ...evaluation('piaojue/ballot-record@2', 'rated-majority', ['for', 'against', 'abstain']) });
    expect(selection).toEqual({ ok: false, errors: ['ballot.threshold: "rated-majority" is for evaluation ballots only'] });
  });
});
