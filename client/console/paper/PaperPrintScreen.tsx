import { paperSheetSchema, type PaperSheet } from '../../../shared/responses/paper.ts';
import { useResource } from '../useResource.ts';
import { useT, type ConsoleKey } from '../useT.ts';
import { TableHead } from '../TableHead.tsx';
import { BackLink, PrintButton } from '../PageLinks.tsx';

export type { PaperSheet };

/**
 * The numbered paper ballots (纸质选票) on A4, one sheet per valid serial: the meeting, the ballot's title, the
 * candidates in ballot order with 赞成/反对/弃权 boxes, the cap and the blank rule in words, and the serial (top and
 * bottom, so a clerk finds it at once). An evaluation (满意度测评, issue 14) shows 满意/基本满意/不满意 boxes, no cap,
 * and what an unrated project counts for under its base — never 弃权 (the tablet's wording). The print stylesheet puts each sheet on its own page.
 */
export function PaperPrintScreen({ meetingId, ballotId }: { meetingId: string; ballotId: string }) {
  const { t, server } = useT();
  const sheet = useResource(`/api/ballots/${encodeURIComponent(ballotId)}/paper/sheet`, paperSheetSchema);
  return (
    <div class="paper-print-wrap">
      <div class="actions no-print">
        <BackLink class="btn btn-secondary" to={{ screen: 'ballot', meetingId, ballotId }} label={t('paper.back')} />
        <PrintButton label={t('paper.printNow')} testId="paper-print-now" />
      </div>
      {sheet.error ? (
        <p class="form-error">{server(sheet.error)}</p>
      ) : !sheet.data ? (
        <p class="muted">{t('loading')}</p>
      ) : sheet.data.serials.length === 0 ? (
        <p class="muted" data-testid="paper-no-sheets">{t('paper.noSheets')}</p>
      ) : (
        <div class="paper-sheets" data-testid="paper-sheets">
          {sheet.data.serials.map((serial) => (
            <PaperBallotSheet key={serial} sheet={sheet.data!} serial={serial} />
          ))}
        </div>
      )}
    </div>
  );
}

function PaperBallotSheet({ sheet, serial }: { sheet: PaperSheet; serial: string }) {
  const { t } = useT();
  const b = sheet.ballot;
  const options = b.options.map((o) => t(`option.${o}` as ConsoleKey));
  const rules = sheetRuleKeys(b);
  return (
    <article class="paper-sheet" data-testid="paper-sheet" data-serial={serial}>
      <header class="paper-sheet-head">
        <span class="paper-sheet-meeting">{sheet.meeting.name}</span>
        <span class="paper-sheet-serial" data-testid="paper-sheet-serial">
          {t('paper.serial')} № {serial}
        </span>
      </header>
      <h1 class="paper-sheet-title">{b.title}</h1>
      <p class="paper-sheet-kind">
        {t('paper.sheetTitle')} · {b.secret ? t('paper.sheetSecret') : t('paper.sheetNamed')}
      </p>
      <ul class="paper-sheet-rules" data-testid="paper-sheet-rules">
        <li>{t('paper.sheetHow')}</li>
        <li>{rules.options === 'paper.sheetRules' ? t('paper.sheetRules', { cap: b.maxApprovals ?? 0 }) : t(rules.options)}</li>
        <li>{t(rules.blank)}</li>
      </ul>
      <table class="paper-sheet-table">
        <TableHead cols={[{ key: 'paper.sheetSeq', num: true }, 'paper.sheetName', ...options.map((o) => ({ text: o, class: 'box-col' }))]} />
        <tbody>
          {sheet.candidates.map((c) => (
            <tr key={c.id}>
              <td class="num">{c.seq}</td>
              <td>{c.name}</td>
              {options.map((o) => (
                <td key={o} class="box-col">
                  <span class="paper-box" aria-label={o} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <footer class="paper-sheet-foot">
        <span>{sheet.meeting.date}</span>
        <span class="paper-sheet-serial">
          {t('paper.serial')} № {serial}
        </span>
      </footer>
    </article>
  );
}

/**
 * The catalogue keys of a sheet's two rule lines (DESIGN §4.1, §4.10, §10): the options (with the cap for a
 * selection that has one) and what an unmarked candidate counts for. An evaluation never says 弃权: a project left
 * unrated is outside its rating under "rated-majority", else it stays in the base (and blank = invalid voids it).
 */
export function sheetRuleKeys(b: Pick<PaperSheet['ballot'], 'kind' | 'maxApprovals' | 'blank' | 'threshold'>): {
  options: 'paper.sheetRules' | 'paper.sheetNoCap' | 'paper.sheetEvalOptions';
  blank: 'paper.sheetBlankAbstain' | 'paper.sheetBlankInvalid' | 'paper.sheetEvalSkipRated' | 'paper.sheetEvalSkipBase';
} {
  if (b.kind === 'evaluation') {
    return {
      options: 'paper.sheetEvalOptions',
      blank: b.blank === 'invalid' ? 'paper.sheetBlankInvalid' : b.threshold === 'rated-majority' ? 'paper.sheetEvalSkipRated' : 'paper.sheetEvalSkipBase',
    };
  }
  return { options: b.maxApprovals !== null ? 'paper.sheetRules' : 'paper.sheetNoCap', blank: b.blank === 'abstain' ? 'paper.sheetBlankAbstain' : 'paper.sheetBlankInvalid' };
}
