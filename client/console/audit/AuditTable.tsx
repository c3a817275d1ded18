import { useState } from 'preact/hooks';
import type { AuditEvent } from '../../../shared/responses/audit.ts';
import { useT } from '../useT.ts';
import { actionName, detailLines } from './auditFormat.ts';
import { TableHead } from '../TableHead.tsx';

const time = (ms: number) => new Date(ms).toLocaleString('zh-CN', { hour12: false });

/** The hash, short; the whole of it on demand (issue 13: never cut off), selectable to copy. */
function Hash({ hash, seq }: { hash: string; seq: number }) {
  const { t } = useT();
  const [full, setFull] = useState(false);
  return (
    <span class="audit-hash">
      <code class={full ? 'hash-full' : ''} data-testid={`audit-hash-${seq}`}>
        {full ? hash : `${hash.slice(0, 10)}…`}
      </code>{' '}
      <button type="button" class="linklike" aria-expanded={full} data-testid={`audit-hash-toggle-${seq}`} onClick={() => setFull(!full)}>
        {full ? t('audit.hideHash') : t('audit.showHash')}
      </button>
    </span>
  );
}

/** The audit events: translated action names, the detail as "key: value" lines, the hash in full on demand. */
export function AuditTable({ events }: { events: AuditEvent[] | null }) {
  const { t, locale } = useT();
  if (!events) return <p class="muted">{t('loading')}</p>;
  return (
    <section class="card">
      <p class="muted" data-testid="audit-count" data-count={events.length}>
        {t('audit.count', { n: events.length })}
      </p>
      <div class="table-scroll tall" tabIndex={0} role="region" aria-label={t('audit.title')}>
        <table class="dense audit-table" data-testid="audit-table">
          <TableHead cols={[{ text: '#', num: true }, 'audit.at', 'audit.actor', 'audit.action', 'audit.detail', 'audit.hash']} />
          <tbody>
            {events.map((e) => (
              <tr key={e.seq} data-testid={`audit-${e.seq}`} data-action={e.action}>
                <td class="num">{e.seq}</td>
                <td class="nowrap">{time(e.at)}</td>
                <td>{e.actor}</td>
                <td>
                  <span data-testid={`audit-action-${e.seq}`}>{actionName(locale, e.action)}</span>
                  <div class="hint mono">{e.action}</div>
                </td>
                <td class="detail">
                  <dl class="audit-detail">
                    {e.ballotId && (
                      <div>
                        <dt>{t('audit.ballotId')}</dt>
                        <dd class="mono">{e.ballotId}</dd>
                      </div>
                    )}
                    {detailLines(e.detail).map(([k, v]) => (
                      <div key={k}>
                        {k && <dt>{k}</dt>}
                        <dd>{v}</dd>
                      </div>
                    ))}
                  </dl>
                </td>
                <td>
                  <Hash hash={e.hash} seq={e.seq} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
