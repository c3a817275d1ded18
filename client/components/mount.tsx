import { render, type ComponentChildren } from 'preact';
import type { KeyValueStore } from '../lib/storage.ts';
import type { MessageKey } from '../i18n/catalogue.ts';
import { I18nProvider } from './i18n.tsx';
import { InsecureBanner } from './InsecureBanner.tsx';

/**
 * Shows a screen: `app` rendered into the page's #app inside the language provider (the language kept in `store`,
 * the window's title `titleKey`), under the banner that warns when the page was not loaded over HTTPS.
 */
export function mountScreen(store: KeyValueStore, titleKey: MessageKey, app: ComponentChildren): void {
  render(
    <I18nProvider store={store} titleKey={titleKey}>
      <InsecureBanner />
      {app}
    </I18nProvider>,
    document.getElementById('app')!,
  );
}
