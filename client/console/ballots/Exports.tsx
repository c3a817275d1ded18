import { useState } from 'preact/hooks';
import { download } from '../api.ts';
import { DownloadButton } from '../DownloadButton.tsx';
import type { BallotView } from '../../../shared/responses/ballots.ts';
import { useT } from '../useT.ts';

/**
 * The public ballot record (JSON, recountable with `npm run recount`), and the results and turnout for Excel/WPS:
 * .xlsx and CSV, made on the server (formula-like cells neutralised, times in the meeting's zone).
 */
export function Exports({ ballot }: { ballot: BallotView }) {
  const { t, server } = useT();
  const [error, setError] = useState<string | null>(null);
  const id = encodeURIComponent(ballot.id);
  const record = async () => {
    setError(null);
    const res = await fetch(`/api/ballots/${id}/record`, { credentials: 'same-origin' });
    if (!res.ok) {
      setError(server({ code: 'internal', status: res.status, message: `HTTP ${res.status}` }));
      return;
    }
    download(`ballot-record-${ballot.id}.json`, await res.text(), 'application/json');
  };
  return (
    <>
      <button type="button" class="btn btn-secondary" data-testid="export-record" onClick={() => void record()}>
        {t('export.record')}
      </button>
      <DownloadButton url={`/api/ballots/${id}/results.xlsx`} fallback={`results-${ballot.id}.xlsx`} label={t('export.xlsx')} testId="export-xlsx" />
      <DownloadButton url={`/api/ballots/${id}/results.csv`} fallback={`results-${ballot.id}.csv`} label={t('export.csv')} testId="export-csv" />
      <DownloadButton url={`/api/ballots/${id}/turnout.xlsx`} fallback={`turnout-${ballot.id}.xlsx`} label={t('export.turnout')} testId="export-turnout" />
      {error && <span class="form-error">{error}</span>}
    </>
  );
}
