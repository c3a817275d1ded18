import { useMemo } from 'preact/hooks';
import { useI18n } from '../components/i18n.tsx';
import { consoleText, localizeServerMessage, type ConsoleKey } from './i18n.ts';

export type T = (key: ConsoleKey, params?: Record<string, string | number>) => string;

/** The console's texts in the language the shared provider holds (and its toggle switches). */
export function useT(): { t: T; server: (message: string) => string; locale: string } {
  const { locale } = useI18n();
  return useMemo(
    () => ({
      t: (key: ConsoleKey, params?: Record<string, string | number>) => consoleText(locale, key, params),
      server: (message: string) => localizeServerMessage(locale, message),
      locale,
    }),
    [locale],
  );
}
