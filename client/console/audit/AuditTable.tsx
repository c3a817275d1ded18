import type { AuditEvent } from '../types.ts';
import { useT } from '../useT.ts';

const time = (ms: number) => new Date(ms).toLocaleString('zh-CN', { hour12: false });

export function AuditTable({ events }: { events: AuditEvent[] | null }) {
  const { t } = useT();
  if (!events) return <p class="muted">{t('loading')}</p>;
  return (
    <section class="card">
      <p class="muted" data-testid="audit-count" data-count={events.length}>
        {t('audit.count', { n: events.length })}
      </p>
      <div class="table-scroll tall">
        <table class="dense audit-table" data-testid="audit-table">
          <thead>
            <tr>
              <th class="num">#</th>
              <th>{t('audit.at')}</th>
              <th>{t('audit.actor')}</th>
              <th>{t('audit.action')}</th>
              <th>{t('audit.ballotId')}</th>
              <th>{t('audit.detail')}</th>
              <th>{t('audit.hash')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.seq} data-testid={`audit-${e.seq}`} data-action={e.action}>
                <td class="num">{e.seq}</td>
                <td class="nowrap">{time(e.at)}</td>
                <td>{e.actor}</td>
                <td class="mono">{e.action}</td>
                <td class="mono">{e.ballotId ?? ''}</td>
                <td class="detail">
                  <code>{JSON.stringify(e.detail)}</code>
                </td>
                <td class="mono" title={e.hash}>
                  {e.hash.slice(0, 10)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
