import { useState } from 'preact/hooks';
import { post } from '../api.ts';
import { ConfirmButton } from '../ConfirmButton.tsx';
import { FormError } from '../Field.tsx';
import { href } from '../route.ts';
import type { BallotDetail } from '../../../shared/responses/ballots.ts';
import { candidateListReplySchema } from '../../../shared/responses/candidates.ts';
import { useResource } from '../useResource.ts';
import { useT } from '../useT.ts';
import { BallotForm } from './BallotForm.tsx';

/**
 * A draft's own actions: edit its settings and candidates (the ballot form, filled), or delete it (asked first).
 * A 满意度测评 draft is not edited (the 票决 form would offer this meeting's candidates and 赞成/弃权 rules, and the
 * server refuses it, issue 14): it says so and offers deletion only.
 */
export function DraftActions({ meetingId, detail, onSaved }: { meetingId: string; detail: BallotDetail; onSaved: () => void }) {
  const { t, server } = useT();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState('');
  const candidates = useResource(editing ? `/api/meetings/${encodeURIComponent(meetingId)}/candidates` : null, candidateListReplySchema);
  const remove = async () => {
    const res = await post(`/api/ballots/${encodeURIComponent(detail.ballot.id)}/delete`);
    if (res.ok) location.hash = href({ screen: 'meeting', meetingId, tab: 'ballots' });
    else setError(server(res.error));
  };
  if (editing && candidates.data) {
    return (
      <BallotForm
        meetingId={meetingId}
        candidates={candidates.data.candidates}
        draft={detail}
        onCreated={() => {
          setEditing(false);
          onSaved();
        }}
        onCancel={() => setEditing(false)}
      />
    );
  }
  return (
    <div class="actions">
      {detail.ballot.kind === 'evaluation' ? (
        <p class="muted small" data-testid="draft-evaluation-fixed">
          {t('draft.evaluationFixed')}
        </p>
      ) : (
        <button type="button" class="btn btn-secondary" data-testid="draft-edit" onClick={() => setEditing(true)}>
          {t('draft.edit')}
        </button>
      )}
      <ConfirmButton tone="danger" testId="draft-delete" label={t('draft.delete')} question={t('draft.deleteQuestion')} onConfirm={remove} />
      <FormError id="draft" error={error} />
    </div>
  );
}
