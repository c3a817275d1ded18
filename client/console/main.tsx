import { mountScreen } from '../components/mount.tsx';
import { browserStore } from '../lib/storage.ts';
import { App } from './App.tsx';
import './console.css';
import './print.css';

mountScreen(browserStore(), 'console.app.title', <App />);
