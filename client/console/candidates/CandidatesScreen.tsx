import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { candidateListReplySchema, type Candidate } from '../../../shared/responses/candidates.ts';
import { useResource } from '../useResource.ts';
import { useCanWrite } from '../useSession.ts';
import { wanNumber } from '../../i18n/money.ts';
import { useT } from '../useT.ts';
import { CandidateForm } from './CandidateForm.tsx';
import { TableHead } from '../TableHead.tsx';

/** A candidate as GET …/candidates lists it (the fields this screen shows). */
export type CandidateRow = Pick<Candidate, 'id' | 'seq' | 'name' | 'category' | 'budgetWan' | 'summary' | 'units'>;

/**
 * 候选项目 (issue 13): the meeting's candidates with budget and units; each editable until an opened ballot lists
 * it (`inUse` from the server; the server refuses too, candidate_in_use). Edits are audited by the server.
 */
export function CandidatesScreen({ meetingId }: { meetingId: string }) {
  const { t, locale } = useT();
  const canWrite = useCanWrite();
  const list = useResource(`/api/meetings/${encodeURIComponent(meetingId)}/candidates`, candidateListReplySchema);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const rows = list.data?.candidates ?? [];
  const inUse = new Set(list.data?.inUse ?? []);
  const sum = rows.reduce((s, c) => s + (c.budgetWan ?? 0), 0);
  return (
    <section class="card" data-testid="candidates-screen">
      <h2>{t('candidates.title', { n: rows.length })}</h2>
      <p class="muted">{t('candidates.hint')}</p>
      {notice && (
        <p class="ok-line" role="status" data-testid="candidates-notice">
          {notice}
        </p>
      )}
      {list.data && rows.length === 0 ? (
        <p class="muted">{t('candidates.none')}</p>
      ) : (
        <table class="dense" data-testid="candidates-table">
          <TableHead cols={['candidates.seq', 'candidates.name', 'candidates.category', { key: 'candidates.budget', num: true }, 'candidates.lead', { text: `${t('candidates.cooperate')} / ${t('candidates.implement')}` }, null]} />
          <tbody>
            {rows.map((c) => (
              <Fragment key={c.id}>
                <tr data-testid={`candidate-${c.seq}`}>
                  <td>{c.seq}</td>
                  <td>{c.name}</td>
                  <td>{c.category ?? '—'}</td>
                  <td class="num">{c.budgetWan ?? '—'}</td>
                  <td>{c.units.lead.join('、') || '—'}</td>
                  <td>{[...c.units.cooperate, ...c.units.implement].join('、') || '—'}</td>
                  <td>
                    {inUse.has(c.id) ? (
                      <span class="pill" data-testid={`candidate-in-use-${c.seq}`}>
                        {t('candidates.inUse')}
                      </span>
                    ) : (
                      <button type="button" class="btn btn-small" disabled={!canWrite} data-testid={`candidate-edit-${c.seq}`} onClick={() => setEditing(c.id)}>
                        {t('candidates.edit')}
                      </button>
                    )}
                  </td>
                </tr>
                {editing === c.id && (
                  <tr>
                    <td colSpan={7}>
                      <CandidateForm
                        candidate={c}
                        onCancel={() => setEditing(null)}
                        onDone={(n) => {
                          setEditing(null);
                          setNotice(t('candidates.saved', { name: c.name, n }));
                          list.reload();
                        }}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={3} />
              <td class="num" data-testid="candidates-total">
                {t('candidates.total', { sum: locale === 'zh-CN' ? Math.round(sum * 100) / 100 : wanNumber(sum) })}
              </td>
              <td colSpan={3} />
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
