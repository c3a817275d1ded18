import { useEffect, useMemo, useState } from 'preact/hooks';
import { PaperStore } from '../lib/outbox.ts';
import type { KeyValueStore } from '../lib/storage.ts';
import { wsUrl } from '../lib/ws-client.ts';
import { TabletController, type TabletView } from './controller.ts';
import { paperPrefix, type PairedDevice } from './device.ts';

/** One controller per paired device, connected while the component is mounted. */
export function useTablet(device: PairedDevice, store: KeyValueStore): { controller: TabletController; view: TabletView } {
  const controller = useMemo(
    () =>
      new TabletController({
        token: device.token,
        papers: new PaperStore(store, paperPrefix(device)),
        url: wsUrl(),
        log: (message) => console.warn(`[piaojue] ${message}`),
      }),
    [device, store],
  );
  const [view, setView] = useState(controller.view);
  useEffect(() => {
    setView(controller.view);
    const unsubscribe = controller.subscribe(setView);
    controller.start();
    return () => {
      unsubscribe();
      controller.stop();
    };
  }, [controller]);
  return { controller, view };
}
