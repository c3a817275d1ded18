import { useLocale } from './locale.tsx';

export function Header() {
  const { t, locale, setLocale } = useLocale();
  return (
    <header class="masthead">
      <div class="masthead-text">
        <h1 data-testid="page-title">{t('title')}</h1>
        <p class="subtitle">{t('subtitle')}</p>
      </div>
      <button
        type="button"
        class="button lang"
        data-testid="lang-toggle"
        aria-label={t('lang.label')}
        lang={locale === 'zh-CN' ? 'en' : 'zh-CN'}
        onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
      >
        {t('lang.switch')}
      </button>
    </header>
  );
}
