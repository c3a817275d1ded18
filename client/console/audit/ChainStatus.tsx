import type { ChainVerdict } from '../../../shared/responses/audit.ts';
import { useT } from '../useT.ts';

/** Whether every event still links to the one before (hash chain), or the first that does not. */
export function ChainStatus({ verdict, loading, onVerify }: { verdict: ChainVerdict | null; loading: boolean; onVerify: () => void }) {
  const { t } = useT();
  return (
    <div class="chain-status" data-testid="chain-status" data-ok={verdict ? String(verdict.ok) : ''}>
      {verdict === null ? (
        <span class="muted">{t('loading')}</span>
      ) : verdict.ok ? (
        <span class="pill pill-ok" title={verdict.head}>
          ✓ {t('audit.chainOk', { n: verdict.events, head: verdict.head.slice(0, 12) })}
        </span>
      ) : (
        <span class="pill pill-bad" role="alert">
          ✗ {t('audit.chainBroken', { at: verdict.brokenAt, reason: verdict.reason })}
        </span>
      )}
      <button type="button" class="btn btn-small" disabled={loading} data-testid="audit-verify" onClick={onVerify}>
        {t('audit.verify')}
      </button>
    </div>
  );
}
