import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { capConnections } from './connections.ts';
import type { LocalCa } from './local-ca.ts';

// The root certificate's install page and files (DESIGN.md §12: the tablets install the local CA's root once,
// from a QR code). Served on the HTTPS port and on a small plain-HTTP helper port: a tablet that does not yet
// trust the root cannot open the HTTPS page without a certificate warning, so the QR code on the console and the
// cards points at the helper, which serves nothing but these three answers and a redirect to HTTPS.

export const CA_PAGE_PATH = '/ca';
export const CA_DER_PATH = '/ca.crt';
export const CA_PEM_PATH = '/ca.pem';
export const CA_FILE_NAME = 'piaojue-root-ca.crt';
/** The page's own policy: its one inline <style> and nothing else. */
export const CA_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The install page, zh-CN first, English second: the download link, the steps for Android and for iPad, and the
 * root's SHA-256 fingerprint to compare with what the tablet shows. `tabletUrl` (if known) is where to go next.
 */
export function renderCaPage(ca: Pick<LocalCa, 'fingerprint256'>, tabletUrl: string | null): string {
  const next = tabletUrl ? `<p class="next">装好后打开平板页面 / then open the tablet page: <a href="${esc(tabletUrl)}">${esc(tabletUrl)}</a></p>` : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>安装票决根证书 / Install the piaojue root certificate</title>
<style>body{font:20px/1.5 system-ui,sans-serif;margin:0 auto;max-width:44em;padding:1em;color:#111}h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.5em}
a.download{display:inline-block;font-size:1.3em;padding:.6em 1.2em;background:#0b57d0;color:#fff;border-radius:.4em;text-decoration:none}
code{font-size:.8em;word-break:break-all}.en{color:#333;border-top:2px solid #ccc;margin-top:2em}li{margin:.4em 0}</style></head>
<body>
<h1>安装票决根证书（每台平板只需一次）</h1>
<p>平板要信任会场服务器的加密连接（HTTPS），需先安装本会场的根证书。</p>
<p><a class="download" href="${CA_DER_PATH}" download="${CA_FILE_NAME}">下载根证书 / Download</a></p>
<h2>安卓平板</h2>
<ol><li>点上方“下载根证书”，保存文件 ${CA_FILE_NAME}。</li>
<li>打开 设置 → 安全 → 加密与凭据 → 安装证书 → CA 证书（各品牌名称略有不同，可在设置中搜索“CA 证书”），选择刚下载的文件并确认。</li>
<li>用 Chrome 打开平板页面。</li></ol>
<h2>iPad</h2>
<ol><li>用 Safari 打开本页，点“下载根证书”，选“允许”。</li>
<li>打开 设置 → 已下载描述文件 → 安装，输入 iPad 密码。</li>
<li>打开 设置 → 通用 → 关于本机 → 证书信任设置，为“piaojue 票决 local CA”打开完全信任。</li></ol>
<p>核对证书指纹（SHA-256），应与秘书处控制台上显示的一致：<br><code>${esc(ca.fingerprint256)}</code></p>
${next}
<section class="en" lang="en">
<h1>Install the piaojue root certificate (once per tablet)</h1>
<p>The tablet must trust the hall server's HTTPS: install this hall's root certificate first.</p>
<h2>Android</h2>
<ol><li>Tap “Download” above and keep the file ${CA_FILE_NAME}.</li>
<li>Settings → Security → Encryption &amp; credentials → Install a certificate → CA certificate (names vary by maker: search Settings for “CA certificate”); pick the file and confirm.</li>
<li>Open the tablet page in Chrome.</li></ol>
<h2>iPad</h2>
<ol><li>Open this page in Safari, tap “Download”, then “Allow”.</li>
<li>Settings → Profile Downloaded → Install (enter the iPad passcode).</li>
<li>Settings → General → About → Certificate Trust Settings: turn on full trust for “piaojue 票决 local CA”.</li></ol>
<p>Check the SHA-256 fingerprint against the one the secretariat's console shows: <code>${esc(ca.fingerprint256)}</code></p>
</section>
</body></html>
`;
}

/** The root as a download: DER for `/ca.crt` (what Android and iPad install), PEM for `/ca.pem`. */
export function caFile(ca: Pick<LocalCa, 'rootDer' | 'rootPem'>, which: 'der' | 'pem'): { type: string; disposition: string; body: Buffer | string } {
  return which === 'der'
    ? { type: 'application/x-x509-ca-cert', disposition: `attachment; filename="${CA_FILE_NAME}"`, body: ca.rootDer }
    : { type: 'application/x-pem-file', disposition: 'attachment; filename="piaojue-root-ca.pem"', body: ca.rootPem };
}

/** Sockets the root-certificate helper keeps open in all, and from one address (a tablet needs one or two). */
export const CA_HELPER_MAX_CONNECTIONS = 64;
export const CA_HELPER_PER_ADDRESS = 8;

/**
 * The plain-HTTP helper: `/ca`, `/ca.crt`, `/ca.pem`, and for anything else a redirect to the same path on the
 * HTTPS origin of the host the tablet used. Short timeouts and small connection caps (in all and per address): it is a doorway, not a server.
 * `getCa()` is read on every request, so a renewed certificate needs no restart. Listen is the caller's job.
 */
export function createCaHelper(getCa: () => LocalCa, httpsPort: () => number): Server {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = (req.url ?? '/').split('?')[0]!;
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const common = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store', 'x-frame-options': 'DENY' };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...common, allow: 'GET, HEAD' }).end();
      return;
    }
    const ca = getCa();
    if (url === CA_PAGE_PATH || url === `${CA_PAGE_PATH}/`) {
      const tablet = host ? `https://${host}:${httpsPort()}/tablet/` : null;
      res.writeHead(200, { ...common, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CA_PAGE_CSP }).end(req.method === 'HEAD' ? undefined : renderCaPage(ca, tablet));
      return;
    }
    if (url === CA_DER_PATH || url === CA_PEM_PATH) {
      const f = caFile(ca, url === CA_DER_PATH ? 'der' : 'pem');
      res.writeHead(200, { ...common, 'content-type': f.type, 'content-disposition': f.disposition }).end(req.method === 'HEAD' ? undefined : f.body);
      return;
    }
    if (!host || !/^[A-Za-z0-9.\-[\]:]+$/.test(host)) {
      res.writeHead(400, common).end();
      return;
    }
    res.writeHead(301, { ...common, location: `https://${host}:${httpsPort()}${url.startsWith('/') ? url : '/'}` }).end();
  });
  // One address (a laptop on the hall Wi-Fi) could otherwise hold every helper socket and shut the next tablet
  // out of the root certificate; the whole helper takes at most CA_HELPER_MAX_CONNECTIONS descriptors.
  capConnections(server, CA_HELPER_PER_ADDRESS, null);
  server.maxConnections = CA_HELPER_MAX_CONNECTIONS;
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  server.keepAliveTimeout = 2_000;
  server.setTimeout(15_000, (socket) => socket.destroy());
  return server;
}
