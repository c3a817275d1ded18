import type { CandidateInput } from '../../../shared/candidate.ts';
import type { RosterEntry } from '../../../shared/roster.ts';
import { useT } from '../useT.ts';
import { TableHead } from '../TableHead.tsx';

/** What the server read from a clean CSV, as it will be saved. */
export function ParsedPreview({ id, deputies, candidates }: { id: string; deputies?: RosterEntry[] | undefined; candidates?: CandidateInput[] | undefined }) {
  const { t } = useT();
  return (
    <div data-testid={`${id}-parsed`} data-count={deputies?.length ?? candidates?.length ?? 0}>
      <p class="ok-line">{t('import.clean', { n: deputies?.length ?? candidates?.length ?? 0 })}</p>
      <div class="table-scroll">
        {deputies && (
          <table class="dense">
            <TableHead cols={[{ text: '#' }, 'deputy.name', 'deputy.delegation', 'deputy.seat', 'deputy.code']} />
            <tbody>
              {deputies.map((d, i) => (
                <tr key={i}>
                  <td class="num">{i + 1}</td>
                  <td>{d.name}</td>
                  <td>{d.delegation}</td>
                  <td>{d.seat ?? '—'}</td>
                  <td>{d.code ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {candidates && (
          <table class="dense">
            <TableHead cols={['cand.seq', 'cand.name', 'cand.category', { key: 'cand.budget', num: true }, 'cand.units', { key: 'cand.milestones', num: true }]} />
            <tbody>
              {candidates.map((c) => (
                <tr key={c.seq}>
                  <td class="num">{c.seq}</td>
                  <td>{c.name}</td>
                  <td>{c.category ?? '—'}</td>
                  <td class="num">{c.budgetWan ?? '—'}</td>
                  <td>{[...c.units.lead, ...c.units.implement].join('、') || '—'}</td>
                  <td class="num">{c.milestones.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
