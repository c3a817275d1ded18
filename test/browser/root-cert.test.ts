import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpQinshui } from '../helpers/hall.ts';
import { Http } from '../helpers/http.ts';
import { fetchVia } from '../helpers/nginx.ts';
import { freePort, startServer, type ServerProcess } from '../helpers/process.ts';
import { launchChromium } from './chromium.ts';
import { ADMIN_PASSWORD, LAPTOP, shot } from './console-driver.ts';

// Issue 12, "HTTPS by default off loopback": with the local CA the console offers the root certificate for a
// one-time install on each tablet — a QR code on the meetings screen and the pairing-card screen, a small one on
// every card — and the code leads to the install page with the Android and iPad steps and the fingerprint the
// console shows. 127.0.0.2 stands in for the hall's LAN address (PUBLIC_URL names it, so the certificate does).
// The browser is told to accept the certificate (it cannot install a root); that the chain verifies against the
// offered root is checked by the Node client below and in test/reliability/local-ca*.test.ts.

const HOST = '127.0.0.2';
let dir: string;
let server: ServerProcess;
let browser: Browser;
let origin: string;
let caUrl: string;
let rootPem: string;
let http: Http;

/** A plain-HTTP GET to the root-certificate helper, as a tablet that trusts nothing yet makes it. */
function plainGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    httpGet(url, (res) => {
      let body = '';
      res.on('data', (b: Buffer) => (body += b.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    }).on('error', reject);
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'piaojue-root-cert-'));
  const [port, caPort] = [await freePort(), await freePort()];
  origin = `https://${HOST}:${port}`;
  caUrl = `http://${HOST}:${caPort}/ca`;
  server = await startServer({
    dataDir: path.join(dir, 'data'),
    env: { HOST, PORT: String(port), CA_PORT: String(caPort), PIAOJUE_LOCAL_CA: '1', PUBLIC_URL: origin },
  });
  rootPem = (await plainGet(`http://${HOST}:${caPort}/ca.pem`)).body;
  // The secretariat's own setup, over HTTPS trusting only the offered root.
  http = new Http(origin, fetchVia(rootPem, '127.0.0.1'));
  await http.login('admin', ADMIN_PASSWORD);
  browser = await launchChromium();
}, 90_000);
afterAll(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the root certificate on the console and the cards', () => {
  it('the meetings screen, the card screen and every card carry the install page’s QR code and the root’s fingerprint', { timeout: 120_000 }, async () => {
    const hall = await setUpQinshui(http, 3);
    const fingerprint = new X509Certificate(rootPem).fingerprint256;
    const context = await browser.newContext({ viewport: LAPTOP, locale: 'zh-CN', ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await page.goto(`${origin}/console/`);
    await page.locator('#login-username').fill('admin');
    await page.locator('#login-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('meetings-screen').waitFor();

    const panel = page.getByTestId('root-cert-panel');
    await panel.waitFor();
    expect(await panel.getAttribute('data-url')).toBe(caUrl);
    expect(await panel.locator('svg.qr').getAttribute('data-text')).toBe(caUrl);
    expect(await panel.textContent()).toContain(fingerprint);
    await shot(page, 'root-cert-meetings.png');

    const deputy = hall.deputies[0]!;
    await page.goto(`${origin}/console/#/m/${encodeURIComponent(hall.meetingId)}/cards`);
    await page.getByTestId('root-cert-panel').waitFor();
    expect(await page.getByTestId('root-cert-panel').locator('svg.qr').getAttribute('data-text')).toBe(caUrl);
    await page.getByTestId(`cards-issue-${deputy.id}`).click();
    const card = page.getByTestId(`card-${deputy.id}`);
    await card.waitFor();
    expect(await card.locator('svg.qr').first().getAttribute('data-text')).toMatch(new RegExp(`^${origin}/tablet/#code=\\d{8}$`));
    const onCard = page.getByTestId(`card-ca-${deputy.id}`);
    expect(await onCard.locator('svg.qr').getAttribute('data-text')).toBe(caUrl);
    expect(await onCard.textContent()).toContain(caUrl);
    expect(await page.getByTestId(`card-address-${deputy.id}`).textContent()).toContain(`${origin}/tablet/`);
    await shot(page, 'root-cert-card.png');

    // The code leads a tablet (which trusts nothing yet) to the install page over plain HTTP: the steps for
    // Android and iPad, the same fingerprint, the download, and the tablet page on the hall address.
    await page.goto(caUrl);
    const text = (await page.locator('body').textContent())!;
    for (const step of ['安卓平板', '加密与凭据', 'CA 证书', 'iPad', '已下载描述文件', '证书信任设置', 'Certificate Trust Settings', fingerprint]) expect(text).toContain(step);
    expect(await page.locator('a.download').getAttribute('href')).toBe('/ca.crt');
    expect(await page.locator('p.next a').getAttribute('href')).toBe(`${origin}/tablet/`);
    await shot(page, 'root-cert-install-page.png');
    await context.close();
  });
});
