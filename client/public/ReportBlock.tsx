import { formatDate, formatPeriod, formatWan } from './format.ts';
import { useLocale } from './locale.tsx';
import { OutputList } from './OutputList.tsx';
import { PhotoStrip } from './PhotoStrip.tsx';
import type { ProjectMilestone, PublicReport } from '../../shared/responses/projects.ts';

/** One report: its date, what it says, what it counts; in the detail view also nodes reached, spending, photos. */
export function ReportBlock({ report, milestones, full }: { report: PublicReport; milestones?: readonly ProjectMilestone[]; full: boolean }) {
  const { t, locale } = useLocale();
  const reached = full && milestones ? report.milestonesReached.map((pos) => milestones.find((m) => m.position === pos)).filter((m) => m !== undefined) : [];
  return (
    <div class={`report${full ? ' report-full' : ''}`} data-testid="report" data-date={report.date}>
      <div class="report-head">
        <time dateTime={report.date} class="report-date">
          {formatDate(locale, report.date)}
        </time>
        {full && <span class="report-kind">{t(report.kind === 'final' ? 'report.final' : 'report.progress')}</span>}
      </div>
      {report.note && <p class={`report-note${full ? '' : ' clamp'}`}>{report.note}</p>}
      <OutputList outputs={report.outputs} />
      {full && report.spentWan !== null && <p class="report-meta">{t('report.spent', { amount: formatWan(locale, report.spentWan) })}</p>}
      {reached.length > 0 && (
        <p class="report-meta">{t('report.milestones', { list: reached.map((m) => formatPeriod(locale, m.period)).join(t('sep.list')) })}</p>
      )}
      {full && <PhotoStrip photos={report.photos} />}
    </div>
  );
}
