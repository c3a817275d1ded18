import { useI18n } from '../components/i18n.tsx';
import { Notice } from '../components/Notice.tsx';
import type { PaperProblem } from '../lib/outbox.ts';
import type { TabletView } from './controller.ts';
import { problemText } from './problemText.ts';

/** Nothing to vote on: a calm screen; after a ballot closes, says so (and whether this deputy's paper counted). */
export function WaitingScreen({ view }: { view: TabletView }) {
  const { t } = useI18n();
  if (!view.ready) {
    return (
      <main class="screen center-screen" data-testid="connecting-screen">
        <p class="lead">{t('waiting.connecting')}</p>
      </main>
    );
  }
  const { closed } = view;
  return (
    <main class="screen center-screen" data-testid="waiting-screen">
      {closed && (
        <section class="closed-box" data-testid="ballot-closed">
          <h2>{t('waiting.closed')}</h2>
          <p>{t('waiting.closedTitle', { title: closed.title })}</p>
          {closed.receipt && (
            <p data-testid="closed-receipt">
              {closed.receipt.paperId ? t('waiting.closedReceipt', { paperId: closed.receipt.paperId }) : t('waiting.closedCounted')}
            </p>
          )}
          {closed.counted && <p data-testid="closed-receipt">{t('waiting.closedCounted')}</p>}
          {closed.notSent === 'marked' && (
            <Notice tone="error" testId="closed-unsent">
              {t('waiting.closedUnsent')}
            </Notice>
          )}
          {closed.notSent === 'nothing' && <p data-testid="closed-not-voted">{t('waiting.closedNotVoted')}</p>}
          {closed.problem && <ClosedProblem problem={closed.problem} />}
        </section>
      )}
      <h1 class="waiting-title">{t('waiting.title')}</h1>
      <p class="lead muted">{t('waiting.hint')}</p>
    </main>
  );
}

function ClosedProblem({ problem }: { problem: PaperProblem }) {
  const { text, hint } = problemText(useI18n(), problem);
  return (
    <Notice tone="error" testId="closed-problem">
      {text}
      {hint && <div class="notice-hint">{hint}</div>}
    </Notice>
  );
}
