import { render } from 'preact';
import { I18nProvider } from '../components/i18n.tsx';
import { browserStore } from '../lib/storage.ts';
import { sealReady } from '../../shared/seal.ts';
import { InsecureBanner } from '../components/InsecureBanner.tsx';
import { App } from './App.tsx';
import './tablet.css';

const store = browserStore();
// libsodium loads its WebAssembly once; papers are sealed synchronously at the deputy's confirm.
await sealReady();
render(
  <I18nProvider store={store} titleKey="tablet.app.title">
    <InsecureBanner />
    <App store={store} />
  </I18nProvider>,
  document.getElementById('app')!,
);
