import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { artifactPath } from '../browser/chromium.ts';

// A real LibreOffice (headless) and poppler for the export tests: the .docx must open and print, the CSV must
// read as text. Installed from Debian on a fresh machine when we are root, as Chromium is (test/global-setup.ts).
// Nothing installed means a loud failure, never a silent skip.

export const SOFFICE = process.env.SOFFICE_PATH ?? '/usr/bin/soffice';
const PDFTOTEXT = '/usr/bin/pdftotext';
const PDFTOPPM = '/usr/bin/pdftoppm';
const PACKAGES = 'libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-wqy-zenhei';

let installTried = false;

const present = () => existsSync(SOFFICE) && existsSync(PDFTOTEXT) && existsSync(PDFTOPPM);

/** The soffice path, installing LibreOffice and poppler-utils first when missing (root only). Throws when absent. */
export function ensureLibreOffice(): string {
  if (present()) return SOFFICE;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && !installTried) {
    installTried = true;
    try {
      execFileSync('sh', ['-c', `apt-get update && apt-get install -y ${PACKAGES}`], { stdio: 'pipe', timeout: 900_000 });
    } catch (err) {
      const out = err instanceof Error && 'stderr' in err ? String((err as { stderr: unknown }).stderr) : String(err);
      throw new Error(`LibreOffice is missing and \`apt-get install -y ${PACKAGES}\` failed:\n${out}`);
    }
  }
  if (!present()) {
    throw new Error(`LibreOffice or poppler is missing. Install them (\`apt-get update && apt-get install -y ${PACKAGES}\`, as root). The export tests do not skip themselves.`);
  }
  return SOFFICE;
}

/**
 * Converts `bytes` (a file named `name`) with `soffice --headless --convert-to <to>`, in a private profile so
 * parallel runs never share one; returns the converted file's bytes. `to` is e.g. "pdf" or "xlsx"; `infilter`
 * reads the input as, e.g., "CSV:44,34,76,1" (comma, double quote, UTF-8, from line 1) as Calc opens a CSV.
 */
export function convert(bytes: Buffer | string, name: string, to: string, opts: { infilter?: string } = {}): Buffer {
  const soffice = ensureLibreOffice();
  const dir = mkdtempSync(path.join(tmpdir(), 'piaojue-lo-'));
  try {
    const input = path.join(dir, name);
    writeFileSync(input, bytes);
    const profile = `file://${path.join(dir, 'profile')}`;
    const args = [
      '--headless',
      '--norestore',
      `-env:UserInstallation=${profile}`,
      ...(opts.infilter ? [`--infilter=${opts.infilter}`] : []),
      '--convert-to',
      to,
      '--outdir',
      path.join(dir, 'out'),
      input,
    ];
    execFileSync(soffice, args, { stdio: 'pipe', timeout: 180_000 });
    const out = readdirSync(path.join(dir, 'out'));
    if (out.length !== 1) throw new Error(`soffice produced ${out.length} files from ${name}`);
    return readFileSync(path.join(dir, 'out', out[0]!));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The text of a PDF: in layout order (pdftotext -layout), or with `raw` in the order the PDF draws it — for a
 * table that is cell by cell, so a name wrapped over two lines still reads whole.
 */
export function pdfText(pdf: Buffer, opts: { raw?: boolean } = {}): string {
  ensureLibreOffice();
  return execFileSync(PDFTOTEXT, [opts.raw ? '-raw' : '-layout', '-', '-'], { input: pdf, maxBuffer: 32 * 1024 * 1024 }).toString('utf8');
}

/** Number of pages of a PDF. */
export function pdfPages(pdf: Buffer): number {
  return pdfText(pdf).split('\f').filter((p) => p.trim() !== '').length;
}

/**
 * Each page of `pdf` (or the first `pages` of them) as a PNG in test/artifacts/ (`<stem>-1.png`, …, 100 dpi);
 * returns the paths.
 */
export function pdfToPngs(pdf: Buffer, stem: string, opts: { pages?: number } = {}): string[] {
  ensureLibreOffice();
  const dir = mkdtempSync(path.join(tmpdir(), 'piaojue-ppm-'));
  try {
    const file = path.join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    const last = opts.pages === undefined ? [] : ['-l', String(opts.pages)];
    execFileSync(PDFTOPPM, ['-png', '-r', '100', ...last, file, path.join(dir, 'page')], { stdio: 'pipe', timeout: 120_000 });
    return readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((f, i) => {
        const target = artifactPath(`${stem}-${i + 1}.png`);
        writeFileSync(target, readFileSync(path.join(dir, f)));
        return target;
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
