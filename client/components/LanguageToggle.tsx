import { useI18n } from './i18n.tsx';

/** One button: shows the other language's name and switches to it. */
export function LanguageToggle() {
  const { locale, setLocale, t } = useI18n();
  return (
    <button
      type="button"
      class="btn btn-quiet"
      data-testid="lang-toggle"
      aria-label={t('lang.switchLabel')}
      onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
    >
      {t('lang.switch')}
    </button>
  );
}
