import type { BallotRecord } from '../../shared/record.ts';
import type { Executor } from '../db/database.ts';
import { errors } from '../errors.ts';
import { ballotCandidates, ballotPapers, storedTally, type Ballot } from './store.ts';

/**
 * The public, recountable ballot record (DESIGN.md §9, piaojue/ballot-record@1). Papers in id order, which is
 * random with respect to the order they were cast; a named ballot's papers carry the deputy.
 */
export async function ballotRecord(db: Executor, ballot: Ballot): Promise<BallotRecord> {
  if (ballot.status !== 'closed' && ballot.status !== 'announced') {
    throw errors.state('ballot_not_closed', 'the record exists once the ballot is closed');
  }
  const [candidates, papers, tally] = await Promise.all([
    ballotCandidates(db, ballot.id),
    ballotPapers(db, ballot.id),
    storedTally(db, ballot.id),
  ]);
  if (!ballot.attendance || !tally) throw new Error(`closed ballot ${ballot.id} has no attendance or tally`);
  return {
    format: 'piaojue/ballot-record@1',
    ballot: { id: ballot.id, title: ballot.title, ...ballot.rules },
    attendance: ballot.attendance,
    candidates: candidates.map((c) => ({ id: c.id, name: c.name })),
    papers: papers.map((p) => ({
      id: p.id,
      marks: JSON.parse(p.marks) as Record<string, string>,
      ...(!ballot.rules.secret && p.deputyId ? { deputy: { id: p.deputyId, name: p.deputyName ?? '' } } : {}),
    })),
    tally,
  };
}
