import type { LoadError } from './api.ts';
import { errorText } from '../i18n/server-error.ts';
import { useLocale } from './locale.tsx';

/** A failed load, said plainly, with a way to try again. */
export function ErrorNotice({ error, onRetry }: { error: LoadError; onRetry: () => void }) {
  const { t, locale } = useLocale();
  const f = error.failure;
  const message =
    f.kind === 'network'
      ? t('error.network')
      : f.kind === 'not_found'
        ? t('error.notFound')
        : f.kind === 'status'
          ? t('error.status', { status: f.status, message: errorText(locale, f) })
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
