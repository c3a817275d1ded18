// npm run recount -- FILE: recounts a ballot record (DESIGN.md §9) and prints the tally as JSON on stdout.
// Exit 0: recounted (and agrees with the recorded tally, if any); 1: the recorded tally differs;
// 2: usage error, or the file is unreadable, not JSON, or not a ballot record.
import { readFile } from 'node:fs/promises';
import { recount } from '../shared/recount.ts';

const USAGE = 'usage: npm run recount -- FILE\n  FILE  a ballot record (piaojue/ballot-record@1 or @2) as JSON';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function main(args: readonly string[]): Promise<number> {
  const [file, ...rest] = args;
  if (file === undefined || rest.length > 0 || file === '--help' || file === '-h') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    process.stderr.write(`recount: cannot read ${file}: ${message(error)}\n`);
    return 2;
  }

  let json: unknown;
  try {
    // A byte-order mark is not JSON, but editors on Windows add one when a record is saved again.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    process.stderr.write(`recount: ${file} is not valid JSON: ${message(error)}\n`);
    return 2;
  }

  const result = recount(json);
  if (!result.ok) {
    process.stderr.write(`recount: ${file} is not a valid ballot record (piaojue/ballot-record@1 or @2):\n`);
    for (const line of result.errors) process.stderr.write(`  ${line}\n`);
    return 2;
  }

  process.stdout.write(`${JSON.stringify(result.tally, null, 2)}\n`);
  if (result.mismatches.length > 0) {
    process.stderr.write(`recount: recorded tally differs: ${result.mismatches.length} difference(s)\n`);
    for (const line of result.mismatches) process.stderr.write(`  ${line}\n`);
    return 1;
  }
  return 0;
}

// exitCode rather than process.exit(): a large tally written to a pipe must be flushed before the exit.
process.exitCode = await main(process.argv.slice(2));
