import type { LoadError } from './api.ts';
import { useLocale } from './locale.tsx';

/** A failed load, said plainly, with a way to try again. */
export function ErrorNotice({ error, onRetry }: { error: LoadError; onRetry: () => void }) {
  const { t } = useLocale();
  const f = error.failure;
  const message =
    f.kind === 'network'
      ? t('error.network')
      : f.kind === 'not_found'
        ? t('error.notFound')
        : f.kind === 'status'
          ? t('error.status', { status: f.status, message: f.message })
          : t('error.bad');
  return (
    <div class="error" role="alert" data-testid="error-notice">
      <p class="error-title">{t('error.title')}</p>
      <p>{message}</p>
      <button type="button" class="button" onClick={onRetry} data-testid="retry">
        {t('retry')}
      </button>
    </div>
  );
}
