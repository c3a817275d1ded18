import { render } from 'preact';
import { App } from './App.tsx';
import { LocaleProvider } from './locale.tsx';
import './public.css';

render(
  <LocaleProvider>
    <App />
  </LocaleProvider>,
  document.getElementById('app')!,
);
