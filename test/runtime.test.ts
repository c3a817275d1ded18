import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/process.ts';

// The runtime (issue 12): Node 20 reached its end of life on 2026-04-30, and better-sqlite3 12 aborted Node 24 in a
// Statement destructor during garbage collection. The project brings its own Node 24 (the registry's `node` package,
// an exact version, in node_modules/.bin, which every npm script puts first on PATH) and runs better-sqlite3 13.
// The suite itself must be running on it — a run on the machine's own Node fails here, not somewhere obscure.

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  dependencies: Record<string, string>;
};
const major = (v: string) => Number(/^v?(\d+)\./.exec(v)![1]);

describe('the runtime', () => {
  it('the tests (and the servers they start) run on the Node the project brings, a supported LTS', () => {
    console.log(`runtime: Node ${process.version} (${process.execPath})`);
    expect(process.version).toBe(`v${pkg.dependencies.node}`);
    expect(major(process.version)).toBeGreaterThanOrEqual(22);
    expect(major(process.version) % 2, 'an LTS line (even major)').toBe(0);
    expect(pkg.engines.node).toBe('>=22');
    expect(path.relative(REPO_ROOT, process.execPath).startsWith('node_modules')).toBe(true);
  });

  it('npm scripts find that Node first on PATH', () => {
    const out = spawnSync('npm', ['exec', '--', 'node', '-p', 'process.version'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout.trim()).toBe(`v${pkg.dependencies.node}`);
  });

  it('better-sqlite3 13 survives 20,000 prepared statements collected as garbage (12 aborted Node 24 here)', () => {
    const require = createRequire(import.meta.url);
    const version = (require('better-sqlite3/package.json') as { version: string }).version;
    expect(pkg.dependencies['better-sqlite3']).toBe(version);
    expect(major(version)).toBeGreaterThanOrEqual(13);
    // In a child with --expose-gc: statements prepared and dropped in waves, collected while the database is open
    // and after it is closed. An abort in a destructor ends the child with a signal instead of "ok".
    const script = `
      const Database = require('better-sqlite3');
      const db = new Database(':memory:');
      db.exec('create table t (id integer primary key, v text)');
      for (let wave = 0; wave < 20; wave++) {
        for (let i = 0; i < 1000; i++) db.prepare('insert into t (v) values (?)').run('w' + wave + '-' + i);
        globalThis.gc();
      }
      const n = db.prepare('select count(*) as n from t').get().n;
      for (let i = 0; i < 500; i++) db.prepare('select v from t where id = ?');
      db.close();
      globalThis.gc();
      console.log('ok ' + n);
    `;
    const out = spawnSync(process.execPath, ['--expose-gc', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
    expect({ status: out.status, signal: out.signal, stdout: out.stdout.trim() }, out.stderr).toEqual({ status: 0, signal: null, stdout: 'ok 20000' });
  });
});
