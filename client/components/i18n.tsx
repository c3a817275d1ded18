import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import {
  DEFAULT_LOCALE,
  isLocale,
  scoped,
  translate,
  type Locale,
  type MessageKey,
  type Params,
  type SectionKey,
} from '../i18n/catalogue.ts';
import type { KeyValueStore } from '../lib/storage.ts';

// The one locale switch of the four screens: the chosen language, remembered on this device under one key, so a
// laptop that switched once stays switched on every screen.

export const LOCALE_KEY = 'piaojue.locale';

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  /** The tablet's and the shared components' texts (section 'tablet'). */
  t: (key: SectionKey<'tablet'>, params?: Params) => string;
  /** Any text of the catalogue, by its full key ('console.loading', 'server.issue.required', …). */
  text: (key: MessageKey, params?: Params) => string;
}

const context = (locale: Locale, setLocale: (l: Locale) => void): I18n => ({
  locale,
  setLocale,
  t: scoped(locale, 'tablet'),
  text: (key, params) => translate(locale, key, params),
});

const I18nContext = createContext<I18n>(context(DEFAULT_LOCALE, () => {}));

/**
 * Holds the locale for the screen below it: zh-CN until someone switches; the choice is kept in `store`. Sets
 * <html lang>, and the document title when `titleKey` names one.
 */
export function I18nProvider({ store, titleKey, children }: { store: KeyValueStore; titleKey?: MessageKey; children: ComponentChildren }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const saved = store.getItem(LOCALE_KEY);
    return isLocale(saved) ? saved : DEFAULT_LOCALE;
  });
  useEffect(() => {
    document.documentElement.lang = locale;
    if (titleKey) document.title = translate(locale, titleKey);
  }, [locale, titleKey]);
  const value = useMemo<I18n>(
    () =>
      context(locale, (next) => {
        store.setItem(LOCALE_KEY, next);
        setLocaleState(next);
      }),
    [locale, store],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = () => useContext(I18nContext);

/** A screen's own `t` (its section of the catalogue) in the current locale. */
export function useSection<S extends 'console' | 'projector' | 'public'>(section: S) {
  const i18n = useI18n();
  return useMemo(() => ({ ...i18n, t: scoped(i18n.locale, section) }), [i18n, section]);
}
