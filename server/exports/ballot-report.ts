import { formatWan, rankOrder, selectedCandidates, thresholdLine, totalBudget } from '../../client/components/results-view.ts';
import type { Tally } from '../../shared/record.ts';
import type { PapersBySource } from '../../shared/responses/ballots.ts';
import { hasQuorum, quorumRequired } from '../../shared/rules/quorum.ts';
import { formatZoned } from '../../shared/time.ts';
import { oversightRows } from '../../shared/oversight.ts';
import { combineRounds } from '../../shared/rules/combine.ts';
import { runoffChain } from '../ballots/final.ts';
import { papersBySource } from '../ballots/paper-sources.ts';
import { ballotCandidates, getBallot, storedTally, type Ballot, type BallotCandidate } from '../ballots/store.ts';
import type { Executor } from '../db/database.ts';
import { errors } from '../errors.ts';
import { afterOpeningOf } from '../approvals/after-opening.ts';
import { ballotAnchor } from '../audit/anchors.ts';
import { requireMeeting } from '../meetings/store.ts';
import { w, type WordingKey } from './wording.ts';

// 表决结果报告 as data: what client/console/ballots/ReportScreen.tsx prints, in the same order and words, for the
// .docx and .xlsx exports to render. Times are in the configured zone, named.

/** A table cell: text, or a number kept a number (Excel sums it; the .docx prints it right-aligned). */
export type Cell = string | number | null;

export interface Column {
  header: string;
  kind: 'text' | 'number' | 'percent';
  /** Relative width, for the .docx table grid and the .xlsx column width (characters). */
  width: number;
}

export interface ResultsTable {
  columns: Column[];
  rows: { cells: Cell[]; selected: boolean; tied: boolean }[];
}

export interface BallotReport {
  title: string;
  meeting: { name: string; date: string };
  /** A training meeting (the server escrows the ballot keys, DESIGN §5): the line the report prints; else null. */
  training: string | null;
  ballotTitle: string;
  /** The rule settings in one line, as RulesSummary prints them. */
  rules: string;
  /** 开始 … · 结束 … · 宣布 …, each with the zone named. */
  times: string;
  /** 应到, 实到, 法定人数, 发出选票, 收回, 有效, 无效, 未投. */
  summary: { label: string; value: string | number }[];
  /** When paper ballots were used (issue 17): 表决器/纸质选票 · 发出选票/收回, a second stats row; else empty. */
  bySource: { label: string; value: number }[];
  thresholdNote: string;
  notes: string[];
  table: ResultsTable;
  selected: { heading: string; items: string[]; total: string } | null;
  /**
   * The oversight section of the printed page (ReportOversight.tsx): every tablet pairing and manual check-in
   * made after the session opened, one line each, oldest first (DESIGN §7), or `none` when there were none.
   */
  oversight: { title: string; lines: string[]; none: string };
  /** The audit log's head after the announcement, for the scrutineers to sign (issue 12); null before it. */
  anchor: { title: string; text: string; howTo: string } | null;
  signatures: { label: string; lines: number }[];
  foot: string;
}

function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return s ? `${m}:${String(s).padStart(2, '0')}` : `${m}′`;
}

/** The rule line of RulesSummary.tsx: "15 选 10 · 每票至多赞成 10 项 · 并列者再次投票 · …". */
export function rulesLine(b: Ballot, candidateCount: number): string {
  const r = b.rules;
  const parts: string[] = [];
  if (b.kind === 'evaluation') parts.push(w('kind.evaluation'));
  else {
    parts.push(r.seats !== null ? w('rules.seatsOf', { n: candidateCount, seats: r.seats }) : w('rules.noSeats'));
    parts.push(r.maxApprovals !== null ? w('rules.cap', { n: r.maxApprovals }) : w('rules.noCap'));
    parts.push(w(`ties.${r.ties}`));
  }
  parts.push(w(`threshold.${r.threshold}`));
  parts.push(w(`blank.${r.blank}`));
  parts.push(w(r.secret ? 'secret.true' : 'secret.false'));
  parts.push(w('rules.duration', { time: formatDuration(Math.round(b.durationMs / 1000)) }));
  if (b.closeWhenAllVoted) parts.push(w('rules.closeWhenAllVoted'));
  return parts.join(' · ');
}

/**
 * The per-candidate table in rank order (TallyTable.tsx): 名次, 序号, 项目名称, [预算（万元）], the options'
 * counts, then 过半数/当选 or 满意率/测评结果. `budget` adds the budget column the spreadsheet exports carry;
 * `sheet` writes 当选 as 是/否/并列待定 (a value to filter on) instead of the printed mark.
 */
export function resultsTable(b: Ballot, candidates: BallotCandidate[], tally: Tally, opts: { budget: boolean; sheet?: boolean }): ResultsTable {
  const evaluation = b.kind === 'evaluation';
  const byId = new Map(tally.candidates.map((c) => [c.id, c]));
  const columns: Column[] = [
    ...(evaluation ? [] : [{ header: w('results.rank'), kind: 'number' as const, width: 6 }]),
    { header: w('cand.seq'), kind: 'number', width: 6 },
    { header: w('cand.name'), kind: 'text', width: 36 },
    ...(opts.budget ? [{ header: w('cand.budget'), kind: 'number' as const, width: 12 }] : []),
    ...b.rules.options.map((o) => ({ header: w(`option.${o}` as WordingKey), kind: 'number' as const, width: 6 })),
    ...(evaluation
      ? [
          { header: w('results.rate'), kind: 'percent' as const, width: 9 },
          { header: w('results.rating'), kind: 'text' as const, width: 10 },
        ]
      : [
          { header: w('results.passed'), kind: 'text' as const, width: 7 },
          { header: w('results.selected'), kind: 'text' as const, width: 10 },
        ]),
  ];
  const rows = rankOrder(tally, candidates).map((r) => {
    const tc = byId.get(r.candidate.id);
    const cells: Cell[] = [
      ...(evaluation ? [] : [r.rank]),
      r.candidate.seq,
      r.candidate.name,
      ...(opts.budget ? [r.candidate.budgetWan] : []),
      ...b.rules.options.map((o) => r.counts[o] ?? 0),
      ...(evaluation
        ? [tc?.satisfactionRate ?? null, tc?.rating ? w(`option.${tc.rating}`) : null]
        : [w(r.passed ? 'yes' : 'no'), selectedCell(r.selected, r.tied, opts.sheet ?? false)]),
    ];
    return { cells, selected: r.selected, tied: r.tied };
  });
  return { columns, rows };
}

function selectedCell(selected: boolean, tied: boolean, sheet: boolean): string {
  if (selected) return sheet ? w('yes') : `✓ ${w('results.selectedMark')}`;
  if (tied) return w('results.tiedMark');
  return sheet ? w('no') : '';
}

function notesOf(b: Ballot, candidates: BallotCandidate[], tally: Tally): string[] {
  const name = (id: string) => candidates.find((c) => c.id === id)?.name ?? id;
  const notes: string[] = [];
  if (tally.tie) {
    const vars = { names: tally.tie.candidates.map(name).join('、'), places: tally.tie.places };
    notes.push(w(tally.tie.resolution === 'runoff' ? 'results.tieRunoff' : 'results.tiePresidium', vars));
  }
  if (tally.shortfall > 0) notes.push(w('results.shortfall', { n: tally.shortfall, seats: b.rules.seats ?? 0 }));
  if (b.presidiumDecision) notes.push(w('results.presidiumDecided', { names: b.presidiumDecision.map(name).join('、') }));
  if (b.closeReason === 'manual' || b.closeReason === 'deadline' || b.closeReason === 'all-voted') notes.push(w(`close.${b.closeReason}`));
  return notes;
}

/** The oversight lines of the printed page: "time · what · name（delegation） · who". */
async function oversightOf(db: Executor, meetingId: string, at: (ms: number) => string): Promise<BallotReport['oversight']> {
  const after = await afterOpeningOf(db, meetingId);
  const rows = oversightRows(after, w);
  return { title: w('oversight.title'), lines: rows.map((r) => [at(r.at), r.what, `${r.name}（${r.delegation}）`, r.who].filter(Boolean).join(' · ')), none: w('oversight.none') };
}

/** The anchor section of the printed page: the head after the announcement and how to check it. */
async function anchorOf(db: Executor, ballotId: string): Promise<BallotReport['anchor']> {
  const head = await ballotAnchor(db, ballotId);
  if (!head) return null;
  const vars = { seq: head.seq, hash: head.hash };
  return { title: w('anchor.title'), text: w('anchor.text', vars), howTo: w('anchor.howTo', vars) };
}

/**
 * Builds the 表决结果报告 of a closed ballot. Throws not_found (no such ballot) or ballot_not_closed (no tally
 * yet: a report of a ballot still open would leak a running count).
 */
/** The summary's lines for 发出/收回 per source (tablets, paper ballots); none when no paper ballot was used. */
function bySourceLines(bySource: PapersBySource | null): { label: string; value: number }[] {
  if (!bySource) return [];
  return (['tablet', 'paper'] as const).flatMap((source) =>
    (['issued', 'returned'] as const).map((what) => ({ label: `${w(source === 'tablet' ? 'paper.tabletVotes' : 'paper.paperVotes')} · ${w(`papers.${what}`)}`, value: bySource[source][what] })),
  );
}

export async function buildBallotReport(db: Executor, ballotId: string, timeZone: string): Promise<BallotReport> {
  const b = await getBallot(db, ballotId);
  const tally = await storedTally(db, ballotId);
  if (!tally) throw errors.state('ballot_not_closed', 'the report exists once the ballot is closed');
  const meeting = await requireMeeting(db, b.meetingId);
  const candidates = await ballotCandidates(db, ballotId);
  const att = b.attendance ?? { seated: 0, present: 0 };
  const line = thresholdLine(b.rules.threshold, att, tally.papers.valid);
  const at = (ms: number | null) => formatZoned(ms, timeZone);

  let selected: BallotReport['selected'] = null;
  if (b.kind === 'selection') {
    // As the printed page (useCombinedSelection): the rounds up to this one, each counted once it has a tally.
    const chain = await runoffChain(db, b);
    const upTo = chain.ballots.findIndex((x) => x.id === b.id);
    const combined = combineRounds(chain.rounds.slice(0, upTo + 1), { announcedOnly: false });
    const final = combined.combined ? combined : null;
    const pool = final ? await ballotCandidates(db, chain.ballots[0]!.id) : candidates;
    const chosen = selectedCandidates(final?.selected ?? tally.selected, pool);
    const heading = final
      ? w(b.runoffOf ? 'combined.titleRunoff' : 'combined.titlePresidium', { n: chosen.length })
      : w('report.selected', { n: chosen.length });
    selected = {
      heading,
      items: chosen.map((c) => `${c.name}${c.budgetWan !== null ? `（${formatWan(c.budgetWan)} ${w('unit.wan')}）` : ''}`),
      total: w('combined.total', { wan: formatWan(totalBudget(chosen)) }),
    };
  }

  return {
    title: w('report.title'),
    meeting: { name: meeting.name, date: meeting.date },
    training: meeting.keyEscrow === 'server' ? w('report.training') : null,
    ballotTitle: b.title,
    rules: rulesLine(b, candidates.length),
    times: w('report.times', { opened: at(b.openedAt), closed: at(b.closedAt), announced: at(b.announcedAt) }),
    summary: [
      { label: w('att.seated'), value: att.seated },
      { label: w('att.present'), value: att.present },
      { label: w('att.quorum'), value: `${quorumRequired(att.seated)} ${hasQuorum(att.seated, att.present) ? '✓' : '✗'}` },
      { label: w('papers.issued'), value: att.present },
      { label: w('papers.returned'), value: tally.papers.returned },
      { label: w('papers.valid'), value: tally.papers.valid },
      { label: w('papers.invalid'), value: tally.papers.invalid },
      { label: w('papers.notVoted'), value: tally.notVoted },
    ],
    bySource: bySourceLines(await papersBySource(db, b)),
    thresholdNote: line ? w('results.thresholdLine', { rule: w(`threshold.${line.threshold}`), base: line.base, votes: line.votes }) : w('results.noThreshold'),
    notes: notesOf(b, candidates, tally),
    table: resultsTable(b, candidates, tally, { budget: false }),
    selected,
    oversight: await oversightOf(db, b.meetingId, at),
    anchor: await anchorOf(db, ballotId),
    signatures: [
      { label: w('report.chiefScrutineer'), lines: 1 },
      { label: w('report.scrutineers'), lines: 2 },
      { label: w('report.counter'), lines: 1 },
      { label: w('report.date'), lines: 1 },
    ],
    foot: w('report.foot', { id: b.id }),
  };
}
