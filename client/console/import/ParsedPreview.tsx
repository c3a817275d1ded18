import type { CandidateInput } from '../../../shared/candidate.ts';
import type { RosterEntry } from '../../../shared/roster.ts';
import { useT } from '../useT.ts';

/** What the server read from a clean CSV, as it will be saved. */
export function ParsedPreview({ id, deputies, candidates }: { id: string; deputies?: RosterEntry[] | undefined; candidates?: CandidateInput[] | undefined }) {
  const { t } = useT();
  return (
    <div data-testid={`${id}-parsed`} data-count={deputies?.length ?? candidates?.length ?? 0}>
      <p class="ok-line">{t('import.clean', { n: deputies?.length ?? candidates?.length ?? 0 })}</p>
      <div class="table-scroll">
        {deputies && (
          <table class="dense">
            <thead>
              <tr>
                <th>#</th>
                <th>{t('deputy.name')}</th>
                <th>{t('deputy.delegation')}</th>
                <th>{t('deputy.seat')}</th>
                <th>{t('deputy.code')}</th>
              </tr>
            </thead>
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
            <thead>
              <tr>
                <th>{t('cand.seq')}</th>
                <th>{t('cand.name')}</th>
                <th>{t('cand.category')}</th>
                <th class="num">{t('cand.budget')}</th>
                <th>{t('cand.units')}</th>
                <th class="num">{t('cand.milestones')}</th>
              </tr>
            </thead>
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
