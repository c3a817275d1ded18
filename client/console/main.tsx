import { render } from 'preact';
import { I18nProvider } from '../components/i18n.tsx';
import { browserStore } from '../lib/storage.ts';
import { InsecureBanner } from '../components/InsecureBanner.tsx';
import { App } from './App.tsx';
import './console.css';
import './print.css';

render(
  <I18nProvider store={browserStore()} titleKey="console.app.title">
    <InsecureBanner />
    <App />
  </I18nProvider>,
  document.getElementById('app')!,
);
