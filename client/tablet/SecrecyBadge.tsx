import { useI18n } from '../components/i18n.tsx';
import type { WsBallot } from '../../shared/ws.ts';

/** 无记名投票 / 记名投票: the deputy always knows whether their name goes with their choices (DESIGN §4.7, §5). */
export function SecrecyBadge({ ballot, withHint = false }: { ballot: WsBallot; withHint?: boolean }) {
  const { t } = useI18n();
  return (
    <p class={`secrecy-badge ${ballot.secret ? 'secrecy-secret' : 'secrecy-named'}`} data-testid="secrecy-badge" data-secret={String(ballot.secret)}>
      <strong>{t(ballot.secret ? 'ballot.secretBadge' : 'ballot.namedBadge')}</strong>
      {withHint && <span class="secrecy-hint"> · {t(ballot.secret ? 'ballot.secretHint' : 'ballot.namedHint')}</span>}
    </p>
  );
}
