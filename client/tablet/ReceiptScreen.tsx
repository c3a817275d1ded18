import { useI18n } from '../components/i18n.tsx';
import { Notice } from '../components/Notice.tsx';
import type { StoredReceipt } from '../lib/outbox.ts';
import { shortDigest } from '../lib/receipt.ts';
import { shortTracker } from '../../shared/seal.ts';
import type { WsBallot } from '../../shared/ws.ts';

/** 已投票: the receipt the deputy can find in the published paper list. `receipt` null: voted, receipt elsewhere. */
export function ReceiptScreen({ ballot, receipt }: { ballot: WsBallot; receipt: StoredReceipt | null }) {
  const { t } = useI18n();
  return (
    <main class="screen center-screen" data-testid="receipt-screen" data-ballot-id={ballot.id}>
      <div class="big-check" aria-hidden="true">
        ✓
      </div>
      <h1 data-testid="receipt-title">{t('receipt.title')}</h1>
      <p class="lead">{ballot.title}</p>
      {receipt?.tracker ? (
        <>
          <p class="lead">{t('receipt.hint')}</p>
          <dl class="receipt">
            <dt>{t('receipt.tracker')}</dt>
            <dd class="mono" data-testid="receipt-tracker">
              {shortTracker(receipt.tracker)}
            </dd>
          </dl>
          <p class="explain">{t('receipt.trackerHint')}</p>
          <Verification verified={receipt.verified} ok={t('receipt.trackerVerified')} />
        </>
      ) : receipt ? (
        <>
          <p class="lead">{t('receipt.hint')}</p>
          <dl class="receipt">
            <dt>{t('receipt.paperId')}</dt>
            <dd class="mono" data-testid="receipt-paper-id">
              {receipt.paperId}
            </dd>
            <dt>{t('receipt.digest')}</dt>
            <dd class="mono" data-testid="receipt-digest">
              {shortDigest(receipt.digest ?? '')}
            </dd>
          </dl>
          <p class="explain">{t('receipt.explain')}</p>
          <Verification verified={receipt.verified} ok={t('receipt.verified')} />
        </>
      ) : (
        <>
          <p class="lead" data-testid="receipt-elsewhere">
            {t('receipt.elsewhere')}
          </p>
          <p class="explain">{t('receipt.elsewhereHint')}</p>
        </>
      )}
    </main>
  );
}

/** Whether the tablet's own check of the receipt held: `ok` when it did, the mismatch warning when not, nothing unchecked. */
function Verification({ verified, ok }: { verified: boolean | null; ok: string }) {
  const { t } = useI18n();
  if (verified === true) {
    return (
      <Notice tone="ok" testId="receipt-verified">
        {ok}
      </Notice>
    );
  }
  if (verified === false) {
    return (
      <Notice tone="error" testId="receipt-mismatch">
        {t('receipt.mismatch')}
      </Notice>
    );
  }
  return null;
}
