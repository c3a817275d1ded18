import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { ConfirmButton } from '../ConfirmButton.tsx';
import type { Deputy } from '../../../shared/responses/roster.ts';
import { useT } from '../useT.ts';

/**
 * Marks a deputy 不在册 (PATCH seated:false), asked first. While a ballot is open the server refuses with
 * roster_locked (the electorate is fixed when a ballot opens), and the refusal is said in the row.
 */
export function UnseatButton({ meetingId, deputy, onDone }: { meetingId: string; deputy: Deputy; onDone: () => void }) {
  const { t, server } = useT();
  const [error, setError] = useState('');
  return (
    <span class="row-actions">
      <ConfirmButton
        tone="danger"
        testId={`unseat-${deputy.id}`}
        label={t('roster.unseat')}
        question={t('roster.unseatQuestion', { name: deputy.name })}
        onConfirm={async () => {
          const res = await api('PATCH', `/api/meetings/${encodeURIComponent(meetingId)}/deputies/${encodeURIComponent(deputy.id)}`, { seated: false });
          if (res.ok) {
            setError('');
            onDone();
          } else setError(server(res.error));
        }}
      />
      {error && (
        <span class="field-error" role="alert" data-testid={`unseat-error-${deputy.id}`}>
          {error}
        </span>
      )}
    </span>
  );
}
