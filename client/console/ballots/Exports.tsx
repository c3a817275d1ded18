import { useState } from 'preact/hooks';
import type { Tally } from '../../../shared/record.ts';
import { download } from '../api.ts';
import type { ConsoleKey } from '../useT.ts';
import type { BallotView, Candidate } from '../types.ts';
import { useT } from '../useT.ts';
import { resultsCsv } from './exportCsv.ts';

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80);

/** The public ballot record (JSON, recountable with `npm run recount`) and the results as CSV. */
export function Exports({ ballot, candidates, tally }: { ballot: BallotView; candidates: Candidate[]; tally: Tally }) {
  const { t, server } = useT();
  const [error, setError] = useState<string | null>(null);
  const record = async () => {
    setError(null);
    const res = await fetch(`/api/ballots/${encodeURIComponent(ballot.id)}/record`, { credentials: 'same-origin' });
    if (!res.ok) {
      setError(server({ code: 'internal', status: res.status, message: `HTTP ${res.status}` }));
      return;
    }
    download(`ballot-record-${ballot.id}.json`, await res.text(), 'application/json');
  };
  const csv = () => download(`${safeName(ballot.title)}-${ballot.id}.csv`, resultsCsv(ballot, candidates, tally, (k) => t(k as ConsoleKey)), 'text/csv;charset=utf-8');
  return (
    <>
      <button type="button" class="btn btn-secondary" data-testid="export-record" onClick={() => void record()}>
        {t('export.record')}
      </button>
      <button type="button" class="btn btn-secondary" data-testid="export-csv" onClick={csv}>
        {t('export.csv')}
      </button>
      {error && <span class="form-error">{error}</span>}
    </>
  );
}
