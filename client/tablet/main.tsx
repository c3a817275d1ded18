import { mountScreen } from '../components/mount.tsx';
import { browserStore } from '../lib/storage.ts';
import { sealReady } from '../../shared/seal.ts';
import { App } from './App.tsx';
import './tablet.css';

const store = browserStore();
// libsodium loads its WebAssembly once; papers are sealed synchronously at the deputy's confirm.
await sealReady();
mountScreen(store, 'tablet.app.title', <App store={store} />);
