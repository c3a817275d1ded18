import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { DEFAULT_LOCALE, isLocale, translate, type Locale, type MessageKey, type Params } from '../lib/i18n.ts';
import type { KeyValueStore } from '../lib/storage.ts';

const LOCALE_KEY = 'piaojue.locale';

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, params?: Params) => string;
}

const I18nContext = createContext<I18n>({
  locale: DEFAULT_LOCALE,
  setLocale: () => {},
  t: (key, params) => translate(DEFAULT_LOCALE, key, params),
});

/** The chosen language, remembered on this device; zh-CN until someone switches. */
export function I18nProvider({ store, children }: { store: KeyValueStore; children: ComponentChildren }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const saved = store.getItem(LOCALE_KEY);
    return isLocale(saved) ? saved : DEFAULT_LOCALE;
  });
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale: (next) => {
        store.setItem(LOCALE_KEY, next);
        setLocaleState(next);
      },
      t: (key, params) => translate(locale, key, params),
    }),
    [locale, store],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = () => useContext(I18nContext);
