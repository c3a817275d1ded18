import type { ConnectionState } from '../lib/ws-client.ts';
import { useI18n } from './i18n.tsx';

/** The connection state in words and colour, always visible: a deputy must know when the tablet is cut off. */
export function ConnectionBadge({ state }: { state: ConnectionState }) {
  const { t } = useI18n();
  return (
    <span class={`conn conn-${state}`} data-testid="conn-state" data-state={state} role="status" aria-live="polite">
      <span class="conn-dot" aria-hidden="true" />
      {t(`conn.${state}`)}
    </span>
  );
}
