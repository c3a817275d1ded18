import { removeAll, type KeyValueStore } from '../lib/storage.ts';

/**
 * Clears everything this tablet page can hold (DESIGN §5: a revoked tablet keeps nothing of its deputy): every
 * localStorage key (`store`), sessionStorage, every IndexedDB database, every Cache Storage cache, and every
 * cookie script can see (for this path and the root). The page uses only localStorage; the rest is cleared in
 * case a browser or an extension put something there. Never throws: what a browser refuses stays refused.
 */
export async function wipeTabletStorage(store: KeyValueStore): Promise<void> {
  removeAll(store);
  try {
    globalThis.sessionStorage?.clear();
  } catch {
    // a browser without sessionStorage
  }
  try {
    const dbs = (await globalThis.indexedDB?.databases?.()) ?? [];
    await Promise.all(
      dbs.map(
        (db) =>
          new Promise<void>((resolve) => {
            if (!db.name) return resolve();
            const req = indexedDB.deleteDatabase(db.name);
            req.onsuccess = req.onerror = req.onblocked = () => resolve();
          }),
      ),
    );
  } catch {
    // no IndexedDB
  }
  try {
    // Cache Storage exists in secure contexts only (HTTPS, loopback).
    if (globalThis.caches) for (const name of await caches.keys()) await caches.delete(name);
  } catch {
    // no Cache Storage
  }
  try {
    for (const part of document.cookie.split(';')) {
      const name = part.split('=')[0]?.trim();
      if (!name) continue;
      for (const path of ['/', location.pathname, location.pathname.replace(/[^/]*$/, '')]) {
        document.cookie = `${name}=; Max-Age=0; path=${path}`;
      }
    }
  } catch {
    // no document.cookie
  }
}
