import { BALLOT_RECORD_FORMAT, BALLOT_RECORD_FORMAT_V2, type BallotRecord } from '../../shared/record.ts';
import type { Executor } from '../db/database.ts';
import { errors } from '../errors.ts';
import { ballotBox, ballotCandidates, ballotPapers, storedTally, type Ballot } from './store.ts';

/**
 * The recountable ballot record (DESIGN.md §9, piaojue/ballot-record@2; @1 for secret ballots closed before sealing). Papers in id order, which is
 * random with respect to the order they were cast; a named ballot's papers carry the deputy.
 */
export async function ballotRecord(db: Executor, ballot: Ballot): Promise<BallotRecord> {
  if (ballot.status !== 'closed' && ballot.status !== 'announced') {
    throw errors.state('ballot_not_closed', 'the record exists once the ballot is closed');
  }
  if (ballot.openingPending) throw errors.state('opening_pending', 'the envelopes are not opened yet');
  const [candidates, papers, tally] = await Promise.all([
    ballotCandidates(db, ballot.id),
    ballotPapers(db, ballot.id),
    storedTally(db, ballot.id),
  ]);
  if (!ballot.attendance || !tally) throw new Error(`closed ballot ${ballot.id} has no attendance or tally`);
  const deputyOf = (p: (typeof papers)[number]) => (!ballot.rules.secret && p.deputyId ? { deputy: { id: p.deputyId, name: p.deputyName ?? '' } } : {});
  // A secret ballot closed before sealed papers existed has no box: it stays an @1 record.
  if (ballot.rules.secret && !ballot.sealing) {
    return {
      format: 'piaojue/ballot-record@1',
      ballot: { id: ballot.id, title: ballot.title, ...ballot.rules },
      attendance: ballot.attendance,
      candidates: candidates.map((c) => ({ id: c.id, name: c.name })),
      papers: papers.map((p) => ({ id: p.id, marks: JSON.parse(p.marks) as Record<string, string>, ...deputyOf(p) })),
      tally,
    };
  }
  const box = ballot.rules.secret ? await ballotBox(db, ballot.id) : undefined;
  return {
    format: 'piaojue/ballot-record@2',
    ballot: { id: ballot.id, title: ballot.title, ...ballot.rules },
    attendance: ballot.attendance,
    candidates: candidates.map((c) => ({ id: c.id, name: c.name })),
    papers: papers.map((p) => ({ id: p.id, marks: JSON.parse(p.marks) as Record<string, string>, source: p.source, ...deputyOf(p) })),
    ...(box ? { box } : {}),
    tally,
  };
}
