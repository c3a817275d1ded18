import { paperSheetSchema, type PaperSheet } from '../../../shared/responses/paper.ts';
import { useResource } from '../useResource.ts';
import { useT, type ConsoleKey } from '../useT.ts';
import { TableHead } from '../TableHead.tsx';
import { BackLink, PrintButton } from '../PageLinks.tsx';

export type { PaperSheet };

/**
 * The numbered paper ballots (纸质选票) on A4, one sheet per valid serial: the meeting, the ballot's title, the
 * candidates in ballot order with 赞成/反对/弃权 boxes, the cap and the blank rule in words, and the serial (top and
 * bottom, so a clerk finds it at once). The print stylesheet puts each sheet on its own page.
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
        <li>{b.kind === 'selection' && b.maxApprovals !== null ? t('paper.sheetRules', { cap: b.maxApprovals }) : t('paper.sheetNoCap')}</li>
        <li>{b.blank === 'abstain' ? t('paper.sheetBlankAbstain') : t('paper.sheetBlankInvalid')}</li>
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
