import { useEffect, useState } from 'preact/hooks';
import { z } from 'zod';
import { okReplySchema } from '../../../shared/responses/common.ts';
import { codesVoidedSchema, deviceListSchema, type DeviceRow } from '../../../shared/responses/trust.ts';
import { post } from '../api.ts';
import { ConfirmButton } from '../ConfirmButton.tsx';
import { RevokeButton } from './RevokeButton.tsx';
import type { ConsoleKey } from '../useT.ts';
import { useResource } from '../useResource.ts';
import { useCanWrite } from '../useSession.ts';
import { useT } from '../useT.ts';
import { TableHead } from '../TableHead.tsx';

export type { DeviceRow };

const time = (ms: number | null) => (ms === null ? '—' : new Date(ms).toLocaleString('zh-CN', { hour12: false }));

/**
 * 全部平板: every code and tablet of every deputy (GET …/devices), each paired one revocable, and one action that
 * voids every unused code (issue 12). `version` changes when the screen issued codes, to reload the list.
 */
export function DevicesPanel({ meetingId, version }: { meetingId: string; version: number }) {
  const { t, server } = useT();
  const canWrite = useCanWrite();
  const base = `/api/meetings/${encodeURIComponent(meetingId)}`;
  const devices = useResource(`${base}/devices`, deviceListSchema);
  const { reload } = devices;
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);
  const [notice, setNotice] = useState<string | null>(null);
  const rows = devices.data?.devices ?? [];
  const act = async (path: string, done?: (body: { voided?: number } | { ok: true }) => void) => {
    const res = await post(path, {}, z.union([codesVoidedSchema, okReplySchema]));
    if (!res.ok) setNotice(server(res.error));
    else done?.(res.body);
    devices.reload();
  };
  return (
    <section class="card no-print" data-testid="devices-panel" data-version={version}>
      <h2>{t('devices.title')}</h2>
      <p class="muted">{t('devices.hint')}</p>
      <div class="actions">
        <ConfirmButton
          label={t('devices.void')}
          question={t('devices.voidConfirm')}
          tone="danger"
          disabled={!canWrite || !rows.some((d) => d.state === 'code')}
          testId="devices-void"
          onConfirm={() => act(`${base}/pairing-codes/void`, (b) => setNotice(t('devices.voided', { n: 'voided' in b ? (b.voided ?? 0) : 0 })))}
        />
        <button type="button" class="btn btn-secondary" onClick={() => devices.reload()}>
          ↻
        </button>
        {notice && (
          <span class="muted" role="status" data-testid="devices-notice">
            {notice}
          </span>
        )}
      </div>
      {rows.length === 0 ? (
        <p class="muted">{t('devices.none')}</p>
      ) : (
        <table class="dense" data-testid="devices-table">
          <TableHead cols={['deputy.name', 'deputy.delegation', 'devices.state', 'devices.when', 'devices.approvedBy', null]} />
          <tbody>
            {rows.map((d) => (
              <tr key={d.id} data-testid={`device-${d.id}`} data-state={d.state}>
                <td>{d.deputyName}</td>
                <td>{d.delegation}</td>
                <td>{t(`devices.state.${d.state}` as ConsoleKey)}</td>
                <td>{time(d.revokedAt ?? d.pairedAt ?? d.createdAt)}</td>
                <td>{d.approvedBy ?? '—'}</td>
                <td>
                  {d.state === 'paired' && (
                    <RevokeButton name={d.deputyName} disabled={!canWrite} testId={`device-revoke-${d.id}`} onRevoke={() => act(`/api/devices/${encodeURIComponent(d.id)}/revoke`)} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
