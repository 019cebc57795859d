/**
 * Writes the byte tables of src/data/encoding-tables.ts from the reference implementations on a
 * Debian machine: glibc iconv for TCVN 5712:1993 (TCVN5712-1, the full VN1 set that
 * includes every capital; the ABC fonts' VN3 is its subset) and VISCII (RFC 1456), and
 * Python's codecs for Windows-1258 and Windows-1252 (under VNI). The shipped decoder is pure TypeScript and uses only the
 * written tables; tests/encodings.test.ts checks them against iconv again where it exists.
 *
 *   npx tsx scripts/make-encodings.ts      # rewrites src/data/encoding-tables.ts
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const OUT = 'src/data/encoding-tables.ts';

function viaIconv(charset: string): string[] {
  const table: string[] = [];
  for (let b = 0; b < 256; b++) {
    const r = spawnSync('iconv', ['-f', charset, '-t', 'UTF-8'], { input: Buffer.from([b]) });
    if (r.error) throw r.error;
    table.push(r.status === 0 ? r.stdout.toString('utf8') : '\uFFFD');
  }
  return table;
}

function viaPython(codec: string): string[] {
  const script = `import json; print(json.dumps([bytes([b]).decode('${codec}', errors='replace') for b in range(256)]))`;
  const r = spawnSync('python3', ['-c', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as string[];
}

/** One character a line is unreadable; escape marks, controls and anything not printable. */
function literal(s: string): string {
  return `'${[...s].map((c) => (/[\p{M}\p{C}'\\]/u.test(c) || c === '\u00A0' || c === '\uFFFD' ? `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}` : c)).join('')}'`;
}

function emit(name: string, doc: string, table: string[]): string {
  if (table.length !== 256) throw new Error(`${name}: ${table.length} entries`);
  for (let b = 0; b < 0x80; b++) {
    const identity = String.fromCharCode(b);
    if (table[b] !== identity && !/^\P{C}$/u.test(table[b]!)) throw new Error(`${name}: byte ${b} maps to a control`);
  }
  const low = table.slice(0, 0x80).flatMap((c, b) => (c === String.fromCharCode(b) ? [] : [`0x${b.toString(16).padStart(2, '0')}: ${literal(c)}`]));
  const rows: string[] = [];
  for (let r = 0x80; r < 0x100; r += 16) rows.push(`    ${literal(table.slice(r, r + 16).join(''))}, // 0x${r.toString(16)}`);
  return [
    `/** ${doc} */`,
    `export const ${name}: ByteTable = {`,
    low.length ? `  low: { ${low.join(', ')} },` : '  low: {},',
    `  high: [`,
    ...rows,
    `  ].join(''),`,
    `};`,
  ].join('\n');
}

const header = `/**
 * Byte → Unicode tables of the single-byte Vietnamese encodings, written by
 * scripts/make-encodings.ts from glibc iconv and Python's codecs (do not edit by hand).
 * \`low\` lists the bytes under 0x80 that are not ASCII; \`high\` holds the 128 characters of
 * bytes 0x80–0xFF in order. U+FFFD marks a byte the encoding leaves undefined.
 */

export interface ByteTable {
  low: Readonly<Record<number, string>>;
  high: string;
}
`;

const body = [
  header,
  emit('TCVN3', 'TCVN 5712:1993 (glibc TCVN5712-1): "ABC", TCVN3; 0xB0–0xB4 are combining tone marks.', viaIconv('TCVN5712-1')),
  emit('VISCII', 'VISCII 1.1 (RFC 1456, glibc VISCII): six C0 controls replaced by capitals.', viaIconv('VISCII')),
  emit('WINDOWS_1258', 'Windows-1258 (Python cp1258): tone marks as combining characters 0xCC, 0xD2, 0xDE, 0xEC, 0xF2.', viaPython('cp1258')),
  // Node's TextDecoder('windows-1252') reads 0x80–0x9F as C1 controls (as Latin-1): VNI's
  // quotes and dashes need the real table.
  emit('WINDOWS_1252', 'Windows-1252 (Python cp1252): the bytes of VNI-Windows text (src/data/vni.ts).', viaPython('cp1252')),
  '',
].join('\n\n');

writeFileSync(OUT, body.replace(/\n{3,}/g, '\n\n'));
process.stdout.write(`wrote ${OUT}\n`);
