import { describe, expect, it } from 'vitest';
import { twoCandidateRecord, twoCandidateTally } from '../test/helpers/ballot-record.ts';
import { ballotRecordSchema, isEvaluation, EVALUATION_OPTIONS, SELECTION_OPTIONS } from './record.ts';

const record = () => twoCandidateRecord();

function issues(value: unknown): string[] {
  const parsed = ballotRecordSchema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('isEvaluation', () => {
  it('is true only for the exact evaluation options', () => {
    expect(isEvaluation(EVALUATION_OPTIONS)).toBe(true);
    expect(isEvaluation(SELECTION_OPTIONS)).toBe(false);
    expect(isEvaluation(['basically_satisfied', 'satisfied', 'dissatisfied'])).toBe(false);
    expect(isEvaluation(['satisfied', 'basically_satisfied'])).toBe(false);
  });
});

describe('ballotRecordSchema', () => {
  it('accepts a record, with or without a tally', () => {
    expect(issues(record())).toEqual([]);
    const tally = twoCandidateTally({ returned: 3, valid: 2, invalid: 1 });
    expect(issues({ ...record(), tally })).toEqual([]);
  });

  it('accepts an evaluation record with rated candidates', () => {
    const r = record();
    r.ballot.options = [...EVALUATION_OPTIONS];
    r.papers = [{ id: 'p-1', marks: { c1: 'satisfied' } }];
    const tally = {
      papers: { returned: 1, valid: 1, invalid: 0 },
      notVoted: 1,
      candidates: [{ id: 'c1', counts: { satisfied: 1, basically_satisfied: 0, dissatisfied: 0 }, rating: 'dissatisfied', satisfactionRate: 1 }],
      selected: [],
      tie: null,
      shortfall: 0,
    };
    expect(issues({ ...r, tally })).toEqual([]);
  });

  it('refuses duplicate paper ids, naming the duplicate', () => {
    const r = record();
    r.papers.push({ id: 'p-1', marks: {} });
    expect(issues(r)).toEqual(['papers: duplicate paper id "p-1"']);
  });

  it('refuses duplicate candidate ids and an empty candidate list', () => {
    expect(issues({ ...record(), candidates: [{ id: 'c1', name: 'a' }, { id: 'c1', name: 'b' }] })).toEqual(['candidates: duplicate candidate id "c1"']);
    expect(issues({ ...record(), candidates: [] })).toEqual(['candidates: at least one candidate']);
  });

  it('refuses an unknown field at every level', () => {
    const r = record();
    expect(issues({ ...r, extra: 1 })).toEqual([': Unrecognized key: "extra"']);
    expect(issues({ ...r, ballot: { ...r.ballot, kind: 'selection' } })).toEqual(['ballot: Unrecognized key: "kind"']);
    expect(issues({ ...r, attendance: { seated: 3, present: 2, absent: 1 } })).toEqual(['attendance: Unrecognized key: "absent"']);
    expect(issues({ ...r, candidates: [{ id: 'c1', name: 'a', budget: 1 }] })).toEqual(['candidates.0: Unrecognized key: "budget"']);
    expect(issues({ ...r, papers: [{ id: 'p', marks: {}, valid: true }] })).toEqual(['papers.0: Unrecognized key: "valid"']);
  });

  it('refuses an unknown field in the tally', () => {
    const tally = { papers: { returned: 0, valid: 0, invalid: 0 }, notVoted: 2, candidates: [{ id: 'c1', counts: { for: 0, maybe: 1 } }], selected: [], tie: null, shortfall: 0, note: '' };
    expect(issues({ ...record(), tally })).toEqual(['tally.candidates.0.counts: Unrecognized key: "maybe"', 'tally: Unrecognized key: "note"']);
  });

  it('refuses options other than the two sets', () => {
    const r = record();
    for (const options of [['for', 'against'], ['for', 'against', 'abstain', 'other'], ['against', 'for', 'abstain'], ['for', 'basically_satisfied', 'dissatisfied']]) {
      expect(issues({ ...r, ballot: { ...r.ballot, options } })).toEqual([
        'ballot.options: must be ["for","against","abstain"] or ["satisfied","basically_satisfied","dissatisfied"]',
      ]);
    }
  });

  it('refuses seats or a cap below 1, and unknown settings', () => {
    const r = record();
    expect(issues({ ...r, ballot: { ...r.ballot, seats: 0 } })).toHaveLength(1);
    expect(issues({ ...r, ballot: { ...r.ballot, maxApprovals: 0 } })).toHaveLength(1);
    expect(issues({ ...r, ballot: { ...r.ballot, seats: 1.5 } })).toHaveLength(1);
    expect(issues({ ...r, ballot: { ...r.ballot, threshold: 'two-thirds' } })).toHaveLength(1);
    expect(issues({ ...r, ballot: { ...r.ballot, seats: null, maxApprovals: null } })).toEqual([]);
  });

  it('refuses more present than seated, and a wrong format', () => {
    expect(issues({ ...record(), attendance: { seated: 3, present: 4 } })).toEqual(['attendance.present: present cannot exceed seated']);
    expect(issues({ ...record(), format: 'piaojue/ballot-record@3' })).toEqual(['format: must be "piaojue/ballot-record@1" or "piaojue/ballot-record@2"']);
  });

  it('loads papers whose marks break the rules: they are counted invalid, not refused', () => {
    const r = record();
    r.papers = [{ id: 'p-1', marks: { c1: 'yes', c9: 'for' } }];
    expect(issues(r)).toEqual([]);
  });

  it('refuses a mark that is not a string', () => {
    const r = record();
    r.papers = [{ id: 'p-1', marks: { c1: 1 } }, { id: 'p-2', marks: ['for'] }];
    expect(issues(r)).toEqual(['papers.0.marks.c1: a mark must be a string', 'papers.1.marks: expected an object of candidate id → mark']);
  });

  it('keeps a "__proto__" mark, so the paper is counted invalid rather than silently cleaned', () => {
    const r = JSON.parse(JSON.stringify(record()).replace('"marks":{"c1":"for"}', '"marks":{"c1":"for","__proto__":"for"}')) as unknown;
    const parsed = ballotRecordSchema.parse(r);
    expect(Object.keys(parsed.papers[1]!.marks)).toEqual(['c1', '__proto__']);
  });

  it('lets a named ballot paper carry its deputy, never a secret one', () => {
    const r = record();
    r.papers = [{ id: 'p-1', marks: {}, deputy: { id: 'd1', name: '王某' } }];
    expect(issues({ ...r, ballot: { ...r.ballot, secret: false } })).toEqual([]);
    expect(issues(r)).toEqual(['papers.0.deputy: a secret ballot paper must not name a deputy']);
  });

  describe('@2 (DESIGN §9)', () => {
    const T = (c: string) => c.repeat(64);
    const v2 = (extra: Record<string, unknown> = {}) => ({ ...record(), format: 'piaojue/ballot-record@2', box: record().papers.map((_: unknown, i: number) => T('abcdef0123456789'[i]!)), ...extra });

    it('reads a secret ballot with its box, one tracker per tablet paper', () => {
      expect(issues(v2())).toEqual([]);
    });

    it('refuses a box that differs in number from the tablet papers, or is missing', () => {
      expect(issues(v2({ box: [T('a')] }))).toEqual([expect.stringMatching(/^box: the box holds 1 tracker\(s\) but there are \d+ tablet paper\(s\)$/)]);
      const { box: _, ...noBox } = v2();
      expect(issues(noBox)).toEqual(['box: a secret ballot’s @2 record carries its box']);
    });

    it('counts paper-ballot papers against attendance.issued', () => {
      const r = v2();
      const papers = r.papers.map((p: object, i: number) => (i === 0 ? { ...p, source: 'paper' } : { ...p, source: 'tablet' }));
      const box = r.box.slice(1);
      expect(issues({ ...r, papers, box })).toEqual(['attendance.issued: 1 paper ballot(s) returned but 0 issued']);
      expect(issues({ ...r, papers, box, attendance: { seated: 3, present: 2, issued: 1 } })).toEqual([]);
    });

    it('keeps @1 as it was: no box, source or issued there', () => {
      expect(issues({ ...record(), box: [] })).toEqual(['box: box is a field of @2 records']);
    });
  });
});
