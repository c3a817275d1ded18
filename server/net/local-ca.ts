import 'reflect-metadata'; // @peculiar/x509's dependency injection (tsyringe) needs it loaded first
import { randomBytes, webcrypto, X509Certificate as NodeX509 } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as x509 from '@peculiar/x509';

// The local certificate authority (DESIGN.md §12): made once in DATA_DIR/tls/ on the first start off loopback; its
// root is installed once on every tablet, and the server certificate it signs is remade whenever the machine's
// names or addresses change — the tablets keep trusting it, because the root stays. X.509 through
// @peculiar/x509 on Node's WebCrypto; no ASN.1 by hand.

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;
const ROOT_DAYS = 3650;
// Apple accepts at most 825 days for a TLS server certificate; a year is plenty and is remade at start before it ends.
const SERVER_DAYS = 397;
const RENEW_BEFORE_DAYS = 30;

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface LocalCa {
  /** The root certificate (PEM), what the tablets install. */
  rootPem: string;
  /** The same root in DER, as `/ca.crt` serves it. */
  rootDer: Buffer;
  /** SHA-256 fingerprint of the root, `AB:CD:…`, for the secretariat to compare on a tablet. */
  fingerprint256: string;
  /** The server certificate (PEM) followed by the root, and its key (PKCS#8 PEM): what https.createServer takes. */
  cert: string;
  key: string;
  /** The names the server certificate carries. */
  names: { dns: string[]; ips: string[] };
}

export const tlsDir = (dataDir: string) => path.join(dataDir, 'tls');

const files = (dir: string) => ({
  rootCert: path.join(dir, 'root-ca.crt'),
  rootKey: path.join(dir, 'root-ca.key'),
  serverCert: path.join(dir, 'server.crt'),
  serverKey: path.join(dir, 'server.key'),
});

/** Writes a file readable only by the server's user (0600), whole or not at all. */
function writePrivate(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

const serial = () => {
  const b = randomBytes(16);
  b[0] = b[0]! & 0x7f; // positive
  return b.toString('hex');
};

const keyPem = async (key: CryptoKey) => x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key as webcrypto.CryptoKey), 'PRIVATE KEY');
const importKey = (pem: string) =>
  webcrypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(pem), ALG, true, ['sign']) as Promise<CryptoKey>;

async function makeRoot(now: number): Promise<{ cert: x509.X509Certificate; key: CryptoKey }> {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=piaojue 票决 local CA ${new Date(now).toISOString().slice(0, 10)}, O=piaojue`,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + ROOT_DAYS * DAY),
    signingAlgorithm: ALG,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, key: keys.privateKey };
}

async function makeServer(root: { cert: x509.X509Certificate; key: CryptoKey }, names: { dns: string[]; ips: string[] }, now: number) {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${names.dns.find((n) => n !== 'localhost') ?? 'localhost'}, O=piaojue`,
    issuer: root.cert.subject,
    notBefore: new Date(now - DAY),
    notAfter: new Date(Math.min(now + SERVER_DAYS * DAY, root.cert.notAfter.getTime())),
    signingAlgorithm: ALG,
    publicKey: keys.publicKey,
    signingKey: root.key,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
      new x509.SubjectAlternativeNameExtension([...names.dns.map((value) => ({ type: 'dns' as const, value })), ...names.ips.map((value) => ({ type: 'ip' as const, value }))], false),
      await x509.AuthorityKeyIdentifierExtension.create(root.cert.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, key: keys.privateKey };
}

/** The names (DNS, IP) in a PEM server certificate's subjectAltName, as Node reads them. */
function namesOf(pem: string): { dns: Set<string>; ips: Set<string> } {
  const alt = new NodeX509(pem).subjectAltName ?? '';
  const dns = new Set<string>();
  const ips = new Set<string>();
  for (const part of alt.split(', ')) {
    if (part.startsWith('DNS:')) dns.add(part.slice(4).toLowerCase());
    if (part.startsWith('IP Address:')) ips.add(part.slice(11).toLowerCase());
  }
  return { dns, ips };
}

const canonicalIp = (ip: string) => (ip.includes(':') ? new NodeX509Helper(ip).text : ip);
class NodeX509Helper {
  // Node prints IPv6 in subjectAltName expanded-lower (e.g. `0:0:0:0:0:0:0:1`); compare in that form.
  text: string;
  constructor(ip: string) {
    const [head = '', tail = ''] = ip.toLowerCase().split('::');
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    const fill = ip.includes('::') ? Array(8 - h.length - t.length).fill('0') : [];
    this.text = [...h, ...fill, ...t].map((g) => g.replace(/^0+(?=.)/, '')).join(':');
  }
}

/**
 * Loads the local CA from DATA_DIR/tls/, making the root on the first call and (re)making the server certificate
 * when it is missing, ends within 30 days, or lacks one of `names`. The directory is 0700 and every file 0600.
 * Throws if the files exist but cannot be read or parsed (the start stops rather than making a second root the
 * tablets do not trust).
 */
export async function ensureLocalCa(dataDir: string, names: { dns: string[]; ips: string[] }, now = Date.now()): Promise<LocalCa & { made: { root: boolean; server: boolean } }> {
  const dir = tlsDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const f = files(dir);
  let madeRoot = false;
  let root: { cert: x509.X509Certificate; key: CryptoKey };
  if (existsSync(f.rootCert) && existsSync(f.rootKey)) {
    root = { cert: new x509.X509Certificate(readFileSync(f.rootCert, 'utf8')), key: await importKey(readFileSync(f.rootKey, 'utf8')) };
  } else {
    root = await makeRoot(now);
    writePrivate(f.rootKey, await keyPem(root.key));
    writePrivate(f.rootCert, root.cert.toString('pem'));
    madeRoot = true;
  }
  const rootPem = root.cert.toString('pem');

  let madeServer = false;
  let serverPem = existsSync(f.serverCert) ? readFileSync(f.serverCert, 'utf8') : '';
  let serverKeyPem = existsSync(f.serverKey) ? readFileSync(f.serverKey, 'utf8') : '';
  const fresh = (() => {
    if (madeRoot || !serverPem || !serverKeyPem) return false;
    const current = new NodeX509(serverPem);
    if (!current.verify(new NodeX509(rootPem).publicKey)) return false;
    if (Date.parse(current.validTo) - now < RENEW_BEFORE_DAYS * DAY) return false;
    const have = namesOf(serverPem);
    return names.dns.every((n) => have.dns.has(n.toLowerCase())) && names.ips.every((ip) => have.ips.has(canonicalIp(ip)));
  })();
  if (!fresh) {
    const made = await makeServer(root, names, now);
    serverPem = made.cert.toString('pem');
    serverKeyPem = await keyPem(made.key);
    writePrivate(f.serverKey, serverKeyPem);
    writePrivate(f.serverCert, serverPem);
    madeServer = true;
  }
  const rootDer = Buffer.from(root.cert.rawData);
  return {
    rootPem,
    rootDer,
    fingerprint256: new NodeX509(rootPem).fingerprint256,
    cert: `${serverPem.trim()}\n${rootPem.trim()}\n`,
    key: serverKeyPem,
    names,
    made: { root: madeRoot, server: madeServer },
  };
}
