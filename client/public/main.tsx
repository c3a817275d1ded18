import { mountScreen } from '../components/mount.tsx';
import { browserStore } from '../lib/storage.ts';
import { App } from './App.tsx';
import './public.css';

mountScreen(browserStore(), 'public.title', <App />);
