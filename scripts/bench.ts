/**
 * `npm run bench [name…]`: runs the benchmarks in scripts/bench/<name>.ts (all when none
 * is named). Benchmarks print figures and ratios; they are never part of CI.
 */
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const dir = new URL('./bench/', import.meta.url);
const available = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).sort();
// Benchmark names come first; everything from the first option on is the benchmarks' own.
const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('-'));
const wanted = firstOption === -1 ? args : args.slice(0, firstOption);
const names = wanted.length ? wanted : available;

for (const name of names) {
  if (!available.includes(name)) {
    console.error(`bench: no benchmark "${name}" (have: ${available.join(', ')})`);
    process.exit(2);
  }
  console.log(`\n== bench ${name}`);
  const mod = (await import(pathToFileURL(new URL(`./${name}.ts`, dir).pathname).href)) as { run?: (args: string[]) => Promise<void> };
  if (typeof mod.run === 'function') await mod.run(args.slice(wanted.length));
}
