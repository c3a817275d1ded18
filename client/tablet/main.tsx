import { render } from 'preact';
import { I18nProvider } from '../components/i18n.tsx';
import { browserStore } from '../lib/storage.ts';
import { App } from './App.tsx';
import './tablet.css';

const store = browserStore();
render(
  <I18nProvider store={store}>
    <App store={store} />
  </I18nProvider>,
  document.getElementById('app')!,
);
