import { TrainingBanner } from '../../components/TrainingBanner.tsx';
import { formatWan, selectedCandidates, totalBudget } from '../../components/results-view.ts';
import { DEFAULT_TIME_ZONE, formatZoned } from '../../../shared/time.ts';
import { DownloadButton } from '../DownloadButton.tsx';
import type { BallotDetail, TallyReply } from '../../../shared/responses/ballots.ts';
import type { Meeting } from '../../../shared/responses/meetings.ts';
import { useResource } from '../useResource.ts';
import { ReportOversight } from '../trust/ReportOversight.tsx';
import { useT } from '../useT.ts';
import { RulesSummary } from './RulesSummary.tsx';
import { TallyNotes } from './TallyNotes.tsx';
import { TallySummary } from './TallySummary.tsx';
import { TallyTable } from './TallyTable.tsx';
import { useCombinedSelection } from './useCombinedSelection.ts';
import { ballotDetailSchema, tallyReplySchema } from '../../../shared/responses/ballots.ts';
import { BackLink, PrintButton } from '../PageLinks.tsx';

/** A signature block: who signs, then `lines` blank lines to sign on (a short one for the date). */
const Sign = ({ label, lines = 1, short }: { label: string; lines?: number; short?: boolean }) => (
  <div class={lines > 1 ? 'sign sign-two' : 'sign'}>
    {label}
    {Array.from({ length: lines }, (_, i) => (
      <span key={i} class={short ? 'sign-line short' : 'sign-line'} />
    ))}
  </div>
);

/** 表决结果报告: one A4 document to print and sign (总监票人, 监票人), laid out by the print stylesheet. */
export function ReportScreen({ meetingId, ballotId, meeting }: { meetingId: string; ballotId: string; meeting: Meeting | null }) {
  const { t, server } = useT();
  const detail = useResource(`/api/ballots/${encodeURIComponent(ballotId)}`, ballotDetailSchema);
  const tally = useResource(`/api/ballots/${encodeURIComponent(ballotId)}/tally`, tallyReplySchema);
  const failure = detail.error ?? tally.error;
  return (
    <div class="report-wrap">
      <div class="actions no-print">
        <BackLink class="btn btn-secondary" to={{ screen: 'ballot', meetingId, ballotId }} label={t('report.back')} />
        <PrintButton label={t('report.print')} testId="report-print" />
        <DownloadButton
          url={`/api/ballots/${encodeURIComponent(ballotId)}/report.docx`}
          fallback={`ballot-report-${ballotId}.docx`}
          label={t('export.docx')}
          testId="report-docx"
        />
      </div>
      {failure ? (
        <p class="form-error">{server(failure)}</p>
      ) : detail.data && tally.data ? (
        <ReportDocument meeting={meeting} detail={detail.data} reply={tally.data} meetingId={meetingId} />
      ) : (
        <p class="muted">{t('loading')}</p>
      )}
    </div>
  );
}

function ReportDocument({ meeting, detail, reply, meetingId }: { meeting: Meeting | null; detail: BallotDetail; reply: TallyReply; meetingId: string }) {
  const { t, locale } = useT();
  const b = reply.ballot;
  const candidates = detail.candidates;
  const combined = useCombinedSelection(b, candidates, reply.tally, null);
  // Times in the meeting's zone (the server's TIME_ZONE), named — not the browser's.
  const zone = meeting?.timeZone ?? DEFAULT_TIME_ZONE;
  const time = (ms: number | null) => formatZoned(ms, zone, locale);
  const selected = selectedCandidates(combined?.selected ?? reply.tally.selected, combined?.candidates ?? candidates);
  return (
    <article class="report" data-testid="report">
      <h1 class="report-title">{t('report.title')}</h1>
      <p class="report-meeting">
        {meeting?.name} · {meeting?.date}
      </p>
      <TrainingBanner keyEscrow={meeting?.keyEscrow} />
      <h2 class="report-ballot">{b.title}</h2>
      <p class="small">
        <RulesSummary ballot={b} candidateCount={candidates.length} />
      </p>
      <p class="small">
        {t('report.times', { opened: time(b.openedAt), closed: time(b.closedAt), announced: time(b.announcedAt) })}
      </p>
      <TallySummary ballot={b} tally={reply.tally} bySource={reply.bySource} />
      <TallyNotes ballot={b} candidates={candidates} tally={reply.tally} />
      <TallyTable ballot={b} candidates={candidates} tally={reply.tally} />
      {b.kind === 'selection' && (
        <section class="report-selected">
          <h3>{combined ? t(combined.how === 'runoff' ? 'combined.titleRunoff' : 'combined.titlePresidium', { n: selected.length }) : t('report.selected', { n: selected.length })}</h3>
          <ol data-testid="report-selected">
            {selected.map((c) => (
              <li key={c.id}>
                {c.name}
                {c.budgetWan !== null ? (locale === 'zh-CN' ? `（${formatWan(c.budgetWan)} ${t('unit.wan')}）` : ` (${formatWan(c.budgetWan)} ${t('unit.wan')})`) : ''}
              </li>
            ))}
          </ol>
          <p class="small">{t('combined.total', { wan: formatWan(totalBudget(selected)) })}</p>
        </section>
      )}
      <ReportOversight meetingId={meetingId} ballotId={b.id} zone={zone} />
      <section class="signatures">
        <Sign label={t('report.chiefScrutineer')} />
        <Sign label={t('report.scrutineers')} lines={2} />
        <Sign label={t('report.counter')} />
        <Sign label={t('report.date')} short />
      </section>
      <p class="report-foot small">{t('report.foot', { id: b.id })}</p>
    </article>
  );
}
