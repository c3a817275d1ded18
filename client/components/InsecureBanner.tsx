import { isLoopbackName } from '../../shared/hall.ts';
import './banner.css';

/**
 * True when this page came over plain HTTP from a network address (not loopback): the server runs with
 * PIAOJUE_INSECURE_HTTP, and ballots, receipts and passwords cross the Wi-Fi unencrypted (DESIGN.md §12).
 */
export const isInsecureHall = (loc: Pick<Location, 'protocol' | 'hostname'> = location) => loc.protocol === 'http:' && !isLoopbackName(loc.hostname);

/** The warning every screen shows on plain HTTP off loopback: both languages at once, it is for everyone. */
export function InsecureBanner() {
  if (!isInsecureHall()) return null;
  return (
    <div class="hall-banner hall-banner-danger no-print" role="alert" data-testid="insecure-banner">
      <strong>未加密连接（HTTP）</strong>：选票、回执和密码在无线网络上以明文传输。请改用 HTTPS。
      <span class="hall-banner-en" lang="en">
        Unencrypted connection (plain HTTP): ballots, receipts and passwords cross the network in the clear. Use HTTPS.
      </span>
    </div>
  );
}
