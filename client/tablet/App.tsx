import { useEffect, useState } from 'preact/hooks';
import { removeAll, type KeyValueStore } from '../lib/storage.ts';
import { codeFromUrl, forgetDevice, loadDevice, saveDevice, type PairedDevice } from './device.ts';
import { PairScreen } from './PairScreen.tsx';
import { TabletScreen } from './TabletScreen.tsx';
import { wipeTabletStorage } from './wipe.ts';

/** Not paired, or opened from a QR code carrying a new pairing code: pair. Paired: the deputy's tablet. */
export function App({ store }: { store: KeyValueStore }) {
  const [device, setDevice] = useState<PairedDevice | null>(() => loadDevice(store));
  const [autoCode, setAutoCode] = useState<string | null>(() => codeFromUrl(location.search, location.hash));
  const [pairing, setPairing] = useState(autoCode !== null);
  const [revoked, setRevoked] = useState(false);

  // The code in the URL is single-use: take it out of the address bar so a reload does not try it again.
  useEffect(() => {
    if (autoCode) history.replaceState(null, '', location.pathname);
  }, []);

  if (!device || pairing) {
    return (
      <PairScreen
        autoCode={autoCode}
        revoked={revoked}
        onAutoCodeUsed={() => setAutoCode(null)}
        onPaired={(next) => {
          // A tablet paired anew keeps nothing of an earlier pairing (DESIGN §5).
          removeAll(store, 'piaojue.tablet.');
          saveDevice(store, next);
          setDevice(next);
          setRevoked(false);
          setPairing(false);
        }}
        {...(device ? { onCancel: () => setPairing(false) } : {})}
      />
    );
  }
  return (
    <TabletScreen
      key={device.token}
      device={device}
      store={store}
      onRevoked={() => {
        // Revoked: the tablet forgets everything — device token, papers, receipts, drafts, and whatever else any
        // storage of this page holds (DESIGN §5).
        removeAll(store, 'piaojue.tablet.');
        forgetDevice(store);
        void wipeTabletStorage(store);
        setDevice(null);
        setRevoked(true);
      }}
    />
  );
}
