import type { BallotCandidate } from '../../../shared/responses/ballots.ts';
import type { Deputy } from '../../../shared/responses/roster.ts';
import { useResource } from '../useResource.ts';
import { useT } from '../useT.ts';
import { ImportPanel } from './ImportPanel.tsx';
import { candidateListReplySchema } from '../../../shared/responses/candidates.ts';
import { deputyListSchema } from '../../../shared/responses/roster.ts';

/** 导入: the roster (代表名单) and the candidate table (候选项目), each previewed before it is saved. */
export function ImportScreen({ meetingId }: { meetingId: string }) {
  const { t } = useT();
  const base = `/api/meetings/${encodeURIComponent(meetingId)}`;
  const deputies = useResource(`${base}/deputies`, deputyListSchema);
  const candidates = useResource(`${base}/candidates`, candidateListReplySchema);
  return (
    <div class="stack" data-testid="import-screen">
      <ImportPanel
        kind="roster"
        meetingId={meetingId}
        existing={deputies.data ? t('import.rosterExisting', { n: deputies.data.deputies.length }) : ''}
        onSaved={deputies.reload}
      />
      <ImportPanel
        kind="candidates"
        meetingId={meetingId}
        existing={candidates.data ? t('import.candidatesExisting', { n: candidates.data.candidates.length }) : ''}
        onSaved={candidates.reload}
      />
    </div>
  );
}
