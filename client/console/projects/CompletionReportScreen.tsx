import { useEffect, useRef, useState } from 'preact/hooks';
import { DownloadButton } from '../DownloadButton.tsx';
import { href } from '../route.ts';
import { useResource } from '../useResource.ts';
import { wanNumber } from '../../i18n/money.ts';
import { useT } from '../useT.ts';
import { EvaluationTd } from './EvaluationCell.tsx';
import type { CompletionReport } from '../../../shared/responses/projects.ts';
import { completionReportReplySchema } from '../../../shared/responses/projects.ts';
import { TableHead } from '../TableHead.tsx';
import { BackLink, PrintButton } from '../PageLinks.tsx';

/** The text to the clipboard; where the Clipboard API is refused (plain http), the old way through a selection. */
async function copyText(text: string, fallback: HTMLElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!fallback) return false;
    const range = document.createRange();
    range.selectNodeContents(fallback);
    const sel = window.getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
    const ok = document.execCommand('copy');
    sel?.removeAllRanges();
    return ok;
  }
}

/** 民生实事项目完成情况: one A4 document by category, with the totals; and the same as text to paste. */
export function CompletionReportScreen({ year }: { year: number }) {
  const { t, server } = useT();
  const json = useResource(`/api/projects/report?year=${year}&format=json`, completionReportReplySchema);
  const [text, setText] = useState<string | null>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const pre = useRef<HTMLPreElement>(null);
  useEffect(() => {
    let live = true;
    setText(null);
    void fetch(`/api/projects/report?year=${year}&format=text`, { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.text() : null))
      .then((s) => live && setText(s));
    return () => {
      live = false;
    };
  }, [year]);

  return (
    <div class="report-wrap" data-testid="completion-screen">
      <div class="actions no-print">
        <BackLink class="btn btn-secondary" to={{ screen: 'projects', year }} label={t('projects.back', { year })} />
        <PrintButton label={t('report.print')} testId="completion-print" />
        <a class="btn btn-secondary" href={href({ screen: 'projectReportSettings', year })} data-testid="completion-settings-link">
          {t('rs.open')}
        </a>
        <DownloadButton url={`/api/projects/report.docx?year=${year}`} fallback={`completion-report-${year}.docx`} label={t('export.docx')} testId="completion-docx" />
        <button
          type="button"
          class="btn btn-secondary"
          data-testid="completion-copy"
          disabled={text === null}
          onClick={async () => setCopied((await copyText(text ?? '', pre.current)) ? 'yes' : 'no')}
        >
          {t('projects.copyText')}
        </button>
        {copied && (
          <span class={copied === 'yes' ? 'ok-line' : 'warn-text'} data-testid="completion-copied" data-ok={copied === 'yes'}>
            {t(copied === 'yes' ? 'projects.copied' : 'projects.copyFailed')}
          </span>
        )}
      </div>
      {json.error ? (
        <p class="form-error">{server(json.error)}</p>
      ) : json.data ? (
        <CompletionDocument report={json.data.report} />
      ) : (
        <p class="muted">{t('loading')}</p>
      )}
      <section class="card no-print completion-text">
        <h2>{t('projects.textTitle')}</h2>
        <pre ref={pre} data-testid="completion-text">
          {text ?? t('loading')}
        </pre>
      </section>
    </div>
  );
}

function CompletionDocument({ report: r }: { report: CompletionReport }) {
  const { t, locale } = useT();
  // The county's document keeps its figures as written (10675); English groups them (10,675 × 10k yuan).
  const money = (wan: number) => (locale === 'zh-CN' ? String(wan) : wanNumber(wan));
  const sep = t('projects.sep');
  const s = r.totals.statuses;
  const e = r.totals.evaluation;
  return (
    <article class="report completion" data-testid="completion-report" data-year={r.year}>
      {/* The document is the county's own, in Chinese: its title names the county (the year's report settings). */}
      <h1 class="report-title completion-title" data-testid="completion-title">
        {locale === 'zh-CN' ? r.title : t('projects.completionTitle', { year: r.year })}
      </h1>
      <p class="report-meeting small">{t('projects.asOf', { date: r.asOf })}</p>
      {/* 正文 as the county writes it (the same lines as the text and the .docx): headline, themes, 一是/二是. */}
      <section class="completion-prose" data-testid="completion-prose" lang="zh-CN">
        <p class="completion-headline" data-testid="completion-headline">{r.headline}</p>
        {r.categories.map((c) => (
          <div key={c.category} class="completion-theme">
            <h2>{c.heading}</h2>
            {c.projects.map((p) => (
              <div key={p.id} data-testid="completion-lines" data-name={p.name}>
                {p.lines.map((l, i) => (
                  <p key={i} class={i === 0 ? 'completion-line' : 'completion-line completion-detail'}>
                    {l.trim()}
                  </p>
                ))}
              </div>
            ))}
          </div>
        ))}
      </section>
      <h2 class="completion-annex">{t('projects.annex')}</h2>
      {/* 附表's overview (as in the .docx): the 正文's headline says it in the county's words; this adds up every status. */}
      <p data-testid="completion-overview">
        {t('projects.overview', { n: r.totals.projects, done: s.completed, lagging: s.lagging, progress: s.in_progress + s.not_started, carried: s.carried_over, wan: money(r.totals.investmentWan) })}
      </p>
      {r.categories.map((c) => (
        <section key={c.category} class="completion-category" data-testid="completion-category" data-category={c.category}>
          <h2>
            {c.category}
            <span class="small muted"> {t('projects.categoryLine', { n: c.projects.length, wan: money(c.investmentWan) })}</span>
          </h2>
          <table class="dense completion-table">
            <TableHead cols={[{ key: 'projects.col.seq', num: true }, 'projects.col.name', 'projects.col.status', { key: 'projects.col.investment', num: true }, 'projects.outputs', 'projects.col.evaluation']} />
            <tbody>
              {c.projects.map((p) => (
                <tr key={p.id} data-testid="completion-project" data-name={p.name} data-investment={p.investmentWan ?? ''}>
                  <td class="num" data-testid="completion-number">
                    {p.number}
                  </td>
                  <td>
                    {p.name}
                    {p.note && <div class="small muted">{p.note}</div>}
                  </td>
                  <td class="nowrap" data-testid="completion-status">
                    {p.completion ? t(`projects.timeliness.${p.completion.timeliness}`) : t(`projects.status.${p.status}`)}
                  </td>
                  <td class="num" data-testid="completion-investment">
                    {p.investmentWan === null ? t('projects.noInvestment') : p.investmentWan}
                  </td>
                  <td class="small" data-testid="completion-outputs">
                    {Object.entries(p.outputs).map(([label, v]) => (
                      <div key={label} data-label={label} data-value={v}>
                        {label} {v}
                      </div>
                    ))}
                  </td>
                  <EvaluationTd evaluation={p.evaluation} testId="completion-eval" />
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <section class="completion-totals" data-testid="completion-totals">
        <h2>{t('projects.totals')}</h2>
        <p>
          {t('projects.totalInvestment')}
          <strong data-testid="completion-total-investment" data-value={r.totals.investmentWan}>
            {money(r.totals.investmentWan)}
          </strong>{' '}
          {t('unit.wan')}
          {t('projects.withInvestment', { n: r.totals.projectsWithInvestment })}
        </p>
        {Object.keys(r.totals.outputs).length > 0 && (
          <p data-testid="completion-total-outputs">
            {t('projects.mainOutputs')}
            {Object.entries(r.totals.outputs).map(([label, v], i) => (
              <span key={label} data-label={label} data-value={v}>
                {i > 0 ? sep : ''}
                {label} {v}
              </span>
            ))}
          </p>
        )}
        {e && (
          <p data-testid="completion-evaluation">
            {t('projects.evaluationLine', { satisfied: e.satisfied, basic: e.basically_satisfied, dissatisfied: e.dissatisfied })}
          </p>
        )}
      </section>
    </article>
  );
}
