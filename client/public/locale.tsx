import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { isLocale, translate, type Locale, type MessageKey, type Params } from './i18n.ts';

const STORAGE_KEY = 'piaojue.public.locale';

export interface LocaleApi {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: (key: MessageKey, params?: Params) => string;
}

const LocaleContext = createContext<LocaleApi>({ locale: 'zh-CN', setLocale: () => {}, t: (key, params) => translate('zh-CN', key, params) });

function saved(): Locale {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** zh-CN unless this phone chose English before. */
export function LocaleProvider({ children }: { children: ComponentChildren }) {
  const [locale, setState] = useState<Locale>(saved);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = translate(locale, 'title');
  }, [locale]);
  const api = useMemo<LocaleApi>(
    () => ({
      locale,
      setLocale: (l) => {
        try {
          localStorage.setItem(STORAGE_KEY, l);
        } catch {
          // A private window may refuse storage; the choice then lasts for this page only.
        }
        setState(l);
      },
      t: (key, params) => translate(locale, key, params),
    }),
    [locale],
  );
  return <LocaleContext.Provider value={api}>{children}</LocaleContext.Provider>;
}

export const useLocale = () => useContext(LocaleContext);
