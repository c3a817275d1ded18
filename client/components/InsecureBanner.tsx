import { isInsecureHall } from '../../shared/hall.ts';
import './banner.css';

/** The warning every screen shows on plain HTTP off loopback: both languages at once, it is for everyone. */
export function InsecureBanner() {
  if (!isInsecureHall(location)) return null;
  return (
    <div class="hall-banner hall-banner-danger no-print" role="alert" data-testid="insecure-banner">
      <strong>未加密连接（HTTP）</strong>：选票、回执和密码在无线网络上以明文传输。请改用 HTTPS。
      <span class="hall-banner-en" lang="en">
        Unencrypted connection (plain HTTP): ballots, receipts and passwords cross the network in the clear. Use HTTPS.
      </span>
    </div>
  );
}
