import { useEffect, useRef } from 'preact/hooks';
import type { Turnout } from '../../../shared/responses/ballots.ts';
import type { Live } from '../useLive.ts';
import { useResource } from '../useResource.ts';
import { useT } from '../useT.ts';
import { turnoutSchema } from '../../../shared/responses/ballots.ts';
import { TableHead } from '../TableHead.tsx';

/**
 * Live turnout: voted of present, by delegation, and the present deputies who have not voted yet — who, never
 * what. The count moves with each `turnout` message; the lists are re-read at most once a second.
 */
export function TurnoutPanel({ ballotId, live }: { ballotId: string; live: Live }) {
  const { t } = useT();
  const turnout = useResource(`/api/ballots/${encodeURIComponent(ballotId)}/turnout`, turnoutSchema);
  const last = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (live.turnout?.ballotId !== ballotId && !live.attendance) return;
    const wait = Math.max(0, last.current + 1000 - Date.now());
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      last.current = Date.now();
      turnout.reload();
    }, wait);
  }, [live.turnout, live.attendance]);
  useEffect(() => () => {
    if (pending.current) clearTimeout(pending.current);
  }, []);

  const data = turnout.data;
  const liveCount = live.turnout?.ballotId === ballotId ? live.turnout : null;
  const voted = liveCount?.voted ?? data?.voted ?? 0;
  const present = liveCount?.present ?? data?.present ?? 0;
  return (
    <div class="turnout" data-testid="turnout" data-voted={voted} data-present={present}>
      <div class="turnout-head">
        <strong data-testid="turnout-count">{t('turnout.count', { voted, present })}</strong>
        <span class="bigbar">
          <span style={{ width: `${present ? (100 * voted) / present : 0}%` }} />
        </span>
      </div>
      {data && (
        <div class="turnout-grid">
          <table class="dense" data-testid="turnout-delegations">
            <TableHead cols={['deputy.delegation', { key: 'att.present', num: true }, { key: 'turnout.voted', num: true }, { key: 'turnout.waiting', num: true }]} />
            <tbody>
              {data.byDelegation.map((d) => (
                <tr key={d.id}>
                  <td>{d.name}</td>
                  <td class="num">{d.present}</td>
                  <td class="num">{d.voted}</td>
                  <td class={`num${d.present - d.voted > 0 ? ' warn-text' : ''}`}>{Math.max(0, d.present - d.voted)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div>
            <h2 class="sub">{t('turnout.notVoted', { n: data.notVoted.length })}</h2>
            <ul class="not-voted" data-testid="not-voted" data-count={data.notVoted.length}>
              {data.notVoted.map((d) => (
                <li key={d.id}>
                  {d.name} <span class="muted small">{d.delegation}{d.seat ? ` · ${d.seat}` : ''}</span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </div>
  );
}
