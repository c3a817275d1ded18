import { oversightRows } from '../../../shared/oversight.ts';
import { formatZoned } from '../../../shared/time.ts';
import { afterOpeningSchema, anchorReplySchema } from '../../../shared/responses/trust.ts';
import { useResource } from '../useResource.ts';
import { useT } from '../useT.ts';

/**
 * For the printed 表决结果报告 (DESIGN §7, issue 12): every tablet pairing and manual check-in made after the
 * meeting's first ballot opened, with who approved it, and the audit log's head after this ballot's announcement
 * for the scrutineers to sign — `npm run audit:verify -- --expect SEQ:HASH` later proves the log still holds it.
 * Times in the meeting's zone `zone` (IANA), named, as the .docx prints them.
 */
export function ReportOversight({ meetingId, ballotId, zone }: { meetingId: string; ballotId: string; zone: string }) {
  const { t, locale } = useT();
  const after = useResource(`/api/meetings/${encodeURIComponent(meetingId)}/after-opening`, afterOpeningSchema);
  const anchor = useResource(`/api/ballots/${encodeURIComponent(ballotId)}/anchor`, anchorReplySchema);
  const rows = oversightRows({ pairings: after.data?.pairings ?? [], manualCheckIns: after.data?.manualCheckIns ?? [] }, t);
  const head = anchor.data?.anchor;
  return (
    <>
      <section class="report-oversight" data-testid="report-oversight">
        <h3>{t('oversight.title')}</h3>
        {rows.length === 0 ? (
          <p class="small">{t('oversight.none')}</p>
        ) : (
          <table class="dense">
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <td>{formatZoned(r.at, zone, locale)}</td>
                  <td>{r.what}</td>
                  <td>
                    {r.name}（{r.delegation}）
                  </td>
                  <td>{r.who}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {head && (
        <section class="report-anchor" data-testid="report-anchor" data-seq={head.seq} data-hash={head.hash}>
          <h3>{t('anchor.title')}</h3>
          <p class="small mono">{t('anchor.text', { seq: head.seq, hash: head.hash })}</p>
          <p class="small mono">{t('anchor.howTo', { seq: head.seq, hash: head.hash })}</p>
        </section>
      )}
    </>
  );
}
