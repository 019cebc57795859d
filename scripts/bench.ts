/**
 * `npm run bench [name…]`: runs the benchmarks in scripts/bench/<name>.ts (all when none
 * is named). Benchmarks print figures and ratios; they are never part of CI.
 */
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const dir = new URL('./bench/', import.meta.url);
const available = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, '')).sort();
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : available;

for (const name of names) {
  if (!available.includes(name)) {
    console.error(`bench: no benchmark "${name}" (have: ${available.join(', ')})`);
    process.exit(2);
  }
  console.log(`\n== bench ${name}`);
  const mod = (await import(pathToFileURL(new URL(`./${name}.ts`, dir).pathname).href)) as { run?: (args: string[]) => Promise<void> };
  if (typeof mod.run === 'function') await mod.run(process.argv.slice(2).filter((a) => a !== name));
}
