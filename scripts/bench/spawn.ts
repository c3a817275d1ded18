import { spawn, type ChildProcess } from 'node:child_process';

/** A bench server process that has said where it listens. */
export interface Listening {
  proc: ChildProcess;
  /** http://127.0.0.1:PORT */
  base: string;
}

/**
 * Spawns `node --import tsx ...args` in `root` with `env` added and resolves once its stdout matches `listening`
 * (the port in group 1). Rejects with its output when it exits first or says nothing for 120 s (a busy machine).
 */
export function spawnListening(root: string, args: string[], env: Record<string, string>, listening: RegExp): Promise<Listening> {
  const proc = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(`no "listening" in 120 s`), 120_000);
    const fail = (why: string) => {
      clearTimeout(timer);
      proc.kill('SIGKILL');
      reject(new Error(`${args.join(' ')}: ${why}\n${out}`));
    };
    proc.stderr!.on('data', (b: Buffer) => {
      out += b.toString();
      process.stderr.write(b);
    });
    proc.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = listening.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, base: `http://127.0.0.1:${m[1]}` });
      }
    });
    proc.once('exit', (code, signal) => fail(`exited (${code ?? signal}) before listening`));
  });
}

/** Kills every process of `procs` (SIGKILL: the bench keeps nothing) and waits for each to exit. */
export async function killAll(procs: (Listening | undefined)[]): Promise<void> {
  await Promise.all(
    procs.map((l) => {
      if (!l || l.proc.exitCode !== null || l.proc.signalCode !== null) return;
      const exited = new Promise((r) => l.proc.once('exit', r));
      l.proc.kill('SIGKILL');
      return exited;
    }),
  );
}
