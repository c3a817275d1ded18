import { useLocale } from './locale.tsx';

export function Loading() {
  const { t } = useLocale();
  return (
    <p class="loading" role="status" data-testid="loading">
      {t('loading')}
    </p>
  );
}
