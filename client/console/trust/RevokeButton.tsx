import { ConfirmButton } from '../ConfirmButton.tsx';
import { useT } from '../useT.ts';

/**
 * 吊销 a deputy's paired tablet (`name`: the deputy), asked once more before it is done: the 平板 table and the
 * devices panel offer the same step. `onRevoke` does it (the server audits it).
 */
export function RevokeButton({ name, disabled, testId, onRevoke }: { name: string; disabled: boolean; testId: string; onRevoke: () => Promise<void> | void }) {
  const { t } = useT();
  return <ConfirmButton label={t('devices.revoke')} question={t('devices.revokeConfirm', { name })} tone="danger" disabled={disabled} testId={testId} onConfirm={onRevoke} />;
}
