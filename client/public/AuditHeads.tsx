import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import { auditHeadsSchema } from '../../shared/responses/trust.ts';
import { useLocale } from './locale.tsx';

type Head = z.output<typeof auditHeadsSchema>['heads'][number];

/**
 * 表决审计日志锚点: the audit log's head after each announced ballot (GET /api/public/audit-heads), published so that
 * a rewritten copy of the log is caught by `audit:verify --expect SEQ:HASH` (issue 12). Shows nothing when none.
 */
export function AuditHeads() {
  const { t } = useLocale();
  const [heads, setHeads] = useState<Head[]>([]);
  useEffect(() => {
    void fetch('/api/public/audit-heads', { headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : null))
      // Read with the route's schema (shared/responses/trust.ts); an answer outside it shows nothing.
      .then((b: unknown) => setHeads(auditHeadsSchema.safeParse(b).data?.heads ?? []))
      .catch(() => setHeads([]));
  }, []);
  if (heads.length === 0) return null;
  return (
    <details class="audit-heads" data-testid="audit-heads">
      <summary>{t('heads.title')}</summary>
      <p>{t('heads.hint')}</p>
      <ul>
        {heads.map((h) => (
          <li key={h.ballotId} class="audit-head">
            {t('heads.line', { meeting: h.meetingName, title: h.title, seq: h.seq, hash: h.hash })}
          </li>
        ))}
      </ul>
    </details>
  );
}
