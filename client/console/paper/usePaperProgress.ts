import { useEffect } from 'preact/hooks';
import type { PaperProgress } from '../../../shared/paper-ballot.ts';
import { paperProgressReplySchema } from '../../../shared/responses/paper.ts';
import type { Live } from '../useLive.ts';
import { useResource } from '../useResource.ts';

/**
 * A ballot's paper-ballot progress (纸质选票): fetched once, then the live `paperProgress` messages of this ballot
 * (coalesced by the server) as they come. `reload` asks again after an action of this screen.
 */
export function usePaperProgress(ballotId: string, live: Live): { progress: PaperProgress | null; reload: () => void } {
  const res = useResource(`/api/ballots/${encodeURIComponent(ballotId)}/paper`, paperProgressReplySchema);
  useEffect(() => res.reload(), [live.ballotsVersion]);
  const pushed = live.paperProgress?.ballotId === ballotId ? live.paperProgress : null;
  // The newer of the two: counts only grow, except disputed, which the reload settles.
  const progress = pushed && res.data ? (pushed.returned + pushed.enteredTwice + pushed.decided + pushed.issued + pushed.printed >= res.data.returned + res.data.enteredTwice + res.data.decided + res.data.issued + res.data.printed ? pushed : res.data) : (pushed ?? res.data);
  return { progress, reload: res.reload };
}
