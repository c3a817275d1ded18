import { LOCALE_KEY } from '../components/i18n.tsx';
import { mountScreen } from '../components/mount.tsx';
import { isLocale } from '../i18n/catalogue.ts';
import { browserStore } from '../lib/storage.ts';
import { App } from './App.tsx';
import './projector.css';

// No controls in the hall: everything comes from the URL: #token=… (the fragment, which the browser never sends,
// so no request line or log carries it; ?token= from older links works too), optionally lang=en and cycle=seconds
// in either part.
const params = new URLSearchParams(location.search);
for (const [k, v] of new URLSearchParams(location.hash.replace(/^#/, ''))) params.set(k, v);
const store = browserStore();
const lang = params.get('lang');
if (isLocale(lang)) store.setItem(LOCALE_KEY, lang);
const cycle = Number(params.get('cycle'));

mountScreen(store, 'projector.app.title', <App token={params.get('token')} cycleMs={Number.isFinite(cycle) && cycle >= 2 ? cycle * 1000 : 20_000} />);
