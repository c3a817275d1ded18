import { useI18n } from './i18n.tsx';

/**
 * One button: shows the other language's name and switches to it. Its accessible name is that visible name (WCAG
 * 2.5.3, label in name), spoken in its own language (`lang`); what it does is its description (`title`).
 */
export function LanguageToggle() {
  const { locale, setLocale, t } = useI18n();
  const other = locale === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button type="button" class="btn btn-quiet" data-testid="lang-toggle" lang={other} title={t('lang.switchLabel')} onClick={() => setLocale(other)}>
      {t('lang.switch')}
    </button>
  );
}
