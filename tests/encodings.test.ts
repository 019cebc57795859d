/**
 * Text encodings: real plan paragraphs covering all 134 Vietnamese letters, encoded into each
 * legacy encoding and UTF-16, read back identical; the byte tables against glibc iconv and
 * Python where they exist; texts that are none of these stay errors naming the file.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TCVN3, VISCII, WINDOWS_1252, WINDOWS_1258, type ByteTable } from '../src/data/encoding-tables.js';
import { decodeText, encodeLegacy, LEGACY_ENCODINGS, restoreAbcCapitals } from '../src/input/encoding.js';
import { InputError } from '../src/input/source.js';
import { textSourceFromBytes } from '../src/input/text.js';
import { processSourceSync } from '../src/pipeline.js';

const TONES = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
/** 67 small letters (12 vowels × 6 tones, less the 6 plain ASCII vowels, and đ) and their 67 capitals. */
const VOWELS = ['a', 'a\u0306', 'a\u0302', 'e', 'e\u0302', 'i', 'o', 'o\u0302', 'o\u031B', 'u', 'u\u031B', 'y'];
const SMALL = [...VOWELS.flatMap((v) => TONES.map((t) => (v + t).normalize('NFC'))).filter((l) => !/^[aeiouy]$/.test(l)), 'đ'];
const LETTERS = [...SMALL, ...SMALL.map((l) => l.toUpperCase())];

/** Typographic punctuation the legacy sets lack, as their users typed it. */
const typed = (t: string) => t.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/[–—]/g, '-').replace(/…/g, '...');

const PLANS = ['btnmt-kh09-2024-tin-chi-cac-bon', 'lamdong-kh-thi-dua-cchc-2026', 'nghean-kh1026-bao-ve-bi-mat-nha-nuoc-2025'];
const paragraphs = PLANS.map((p) => typed(readFileSync(`fixtures/plans/${p}.txt`, 'utf8')).split('\n').slice(0, 40).join('\n'));
// Every letter in a word of its own, small and capital, so that each is checked at least once.
const ORIGINAL = `${paragraphs.join('\n')}\n${SMALL.join(' ')}\n${LETTERS.slice(SMALL.length).join(' ')}\n`.normalize('NFC');

describe('the test text', () => {
  it('holds all 134 Vietnamese letters, small and capital', () => {
    expect(new Set(LETTERS).size).toBe(134);
    for (const letter of LETTERS) expect(ORIGINAL, letter).toContain(letter);
  });
});

describe('legacy encodings read back identical', () => {
  it.each(LEGACY_ENCODINGS.flatMap((e) => [[e, false], [e, true]] as const))('%s (tones as combining marks: %s)', (encoding, decomposed) => {
    const bytes = encodeLegacy(ORIGINAL, encoding, { decomposed });
    expect(bytes.some((b) => b >= 0x80)).toBe(true);
    const read = decodeText(bytes);
    expect(read).toEqual({ ok: true, text: ORIGINAL, encoding });
  });

  it('TCVN3 and Windows-1258 really differ between precomposed and combining tones', () => {
    for (const encoding of ['tcvn3', 'windows-1258'] as const) {
      expect(encodeLegacy('Hà Nội', encoding, { decomposed: true }).length).toBeGreaterThan(encodeLegacy('Hà Nội', encoding).length);
    }
  });

  it('VNI writes a letter as its base and mark characters', () => {
    expect(Buffer.from(encodeLegacy('Kế hoạch Đảng ỦY', 'vni')).toString('latin1')).toBe('Keá hoaïch Ñaûng UÛY');
  });

  it('keeps the typographic quotes and dashes of VNI and Windows-1258 (Windows-1252 bytes 0x80–0x9F)', () => {
    const quoted = `${paragraphs[0]}\nPhong trào “Đẩy mạnh cải cách hành chính” – năm 2026…\n`.normalize('NFC');
    for (const encoding of ['vni', 'windows-1258'] as const) {
      const bytes = encodeLegacy(quoted, encoding);
      expect(bytes).toContain(0x93);
      expect(decodeText(bytes)).toEqual({ ok: true, text: quoted, encoding });
    }
  });

  it('takes an ABC text, whose capitals with a tone were typed as small letters, back to capitals', () => {
    const typedInAbc = 'ủY BAN NHÂN DÂN TỉNH Hà GIANG\nKế HOạCH\nCHỉ THị Số 13/CT-TTg\nSố: 12/KH-UBND\nHà Nội, ngày 02 tháng 5\nTRƯởNG BAN(Ký tên)';
    const bytes = encodeLegacy(typedInAbc.normalize('NFC'), 'tcvn3');
    expect(decodeText(bytes)).toEqual({
      ok: true,
      encoding: 'tcvn3',
      text: 'ỦY BAN NHÂN DÂN TỈNH HÀ GIANG\nKẾ HOẠCH\nCHỈ THỊ SỐ 13/CT-TTg\nSố: 12/KH-UBND\nHà Nội, ngày 02 tháng 5\nTRƯỞNG BAN(Ký tên)',
    });
    // A text with toned capitals of its own is left as it is.
    expect(restoreAbcCapitals('Kế HOẠCH, Kế HOạCH')).toBe('Kế HOẠCH, Kế HOạCH');
  });
});

describe('UTF-8 and UTF-16', () => {
  it('keeps UTF-8 as it is (no normalisation), a BOM dropped', () => {
    const nfd = 'Ke\u0302\u0301 hoa\u0323ch'.repeat(3);
    expect(decodeText(Buffer.from(nfd))).toEqual({ ok: true, text: nfd, encoding: 'utf-8' });
    expect(decodeText(Buffer.from(`\uFEFF${ORIGINAL}`))).toEqual({ ok: true, text: ORIGINAL, encoding: 'utf-8' });
  });

  it.each([
    ['utf-16le', true], ['utf-16le', false], ['utf-16be', true], ['utf-16be', false],
  ] as const)('reads %s (byte-order mark: %s)', (encoding, bom) => {
    let bytes = Buffer.from(`${bom ? '\uFEFF' : ''}${ORIGINAL}`, 'utf16le');
    if (encoding === 'utf-16be') bytes = bytes.swap16();
    expect(decodeText(bytes)).toEqual({ ok: true, text: ORIGINAL, encoding });
  });
});

describe('texts in none of them stay errors', () => {
  const refused = (bytes: Uint8Array, why: RegExp) => {
    const error = (() => {
      try {
        textSourceFromBytes('archive/x.txt', bytes);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('unknown-encoding');
    expect((error as InputError).message).toMatch(/^archive\/x\.txt: /);
    expect((error as InputError).message).toMatch(why);
  };

  it('French and German in Latin-1', () => {
    refused(Buffer.from('Le président de la République a été élu à la majorité. Où est la gare? Il était déjà là, près du café, à côté de l\'hôtel.', 'latin1'), /not UTF-8 .*valid Vietnamese syllables in \d+ marked words/);
    refused(Buffer.from('Größere Änderungen müssen überprüft werden, schön früh. Äpfel und Öl für die Bäckerei.', 'latin1'), /does not read as Vietnamese/);
  });

  it('binary data, with and without NUL bytes', () => {
    const random = randomBytes(4000);
    random[7] = 0; // at least one NUL, on an odd byte only…
    random[1000] = 0; // …and on an even one: no UTF-16 pattern
    refused(random, /NUL bytes and is not UTF-16/);
    refused(Uint8Array.from(randomBytes(4000), (b) => (b === 0 ? 1 : b)), /does not read as Vietnamese .*control characters/);
  });

  it('English in Windows-1252, its only non-ASCII bytes quotes and dashes', () => {
    refused(Buffer.from([...'It\u2019s the \u201cplan\u201d \u2013 done, as we said.'].map((c) => ({ '\u2019': 0x92, '\u201c': 0x93, '\u201d': 0x94, '\u2013': 0x96 })[c] ?? c.charCodeAt(0))), /does not read as Vietnamese/);
  });

  it('too little Vietnamese to tell', () => {
    refused(encodeLegacy('Kế hoạch', 'tcvn3'), /does not read as Vietnamese/);
  });

  it('UTF-16 that is broken', () => {
    refused(Uint8Array.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]), /not valid UTF-16/);
  });
});

describe('through the pipeline', () => {
  it('a TCVN3 plan extracts as its UTF-8 text does, and says how it was read', () => {
    const text = typed(readFileSync('fixtures/plans/btnmt-kh09-2024-tin-chi-cac-bon.txt', 'utf8'));
    const utf8 = processSourceSync(textSourceFromBytes('kh09.txt', Buffer.from(text)));
    const source = textSourceFromBytes('kh09.txt', encodeLegacy(text, 'tcvn3'));
    expect(source.encoding).toBe('tcvn3');
    const legacy = processSourceSync(source);
    const { source: _a, messages: utf8Messages, ...utf8Plan } = utf8.plan;
    const { source: _b, messages: legacyMessages, ...legacyPlan } = legacy.plan;
    expect(legacyPlan).toEqual(utf8Plan);
    expect(legacyMessages).toEqual([
      { reason: 'Read as TCVN3 (ABC) text and converted to Unicode', ruleId: 'encoding', source: 'vnplan:input', place: null, severity: 'info' },
      ...utf8Messages,
    ]);
  });
});

// The shipped tables are pure TypeScript; here they are checked against the reference
// implementations they were written from, where the machine has them.
function referenceTable(command: string, args: string[], input: Buffer): string[] | null {
  const r = spawnSync(command, args, { input });
  return r.status === 0 ? r.stdout.toString('utf8').split('\n') : null;
}
const everyByte = Buffer.from(Array.from({ length: 256 }, (_, b) => (b === 0x0a ? [0x20, 0x0a] : [b, 0x0a])).flat());
const asTable = (t: ByteTable) => Array.from({ length: 256 }, (_, b) => (b < 0x80 ? (t.low[b] ?? String.fromCharCode(b)) : t.high[b - 0x80]!));

describe.each([
  ['TCVN5712-1', TCVN3],
  ['VISCII', VISCII],
] as const)('glibc iconv %s', (charset, table) => {
  const reference = referenceTable('iconv', ['-f', charset, '-t', 'UTF-8'], everyByte);
  it.skipIf(reference === null)('gives every byte the character our table gives it', () => {
    const ours = asTable(table);
    for (let b = 0; b < 256; b++) if (b !== 0x0a) expect(reference![b], `byte 0x${b.toString(16)}`).toBe(ours[b]);
  });
});

describe.each([
  ['cp1258', WINDOWS_1258],
  ['cp1252', WINDOWS_1252],
] as const)('Python %s', (codec, table) => {
  const script = `import sys; sys.stdout.write("\\n".join(bytes([b]).decode("${codec}", errors="replace") if b != 10 else " " for b in range(256)))`;
  const reference = referenceTable('python3', ['-c', script], Buffer.alloc(0));
  it.skipIf(reference === null)('gives every byte the character our table gives it', () => {
    const ours = asTable(table);
    for (let b = 0; b < 256; b++) if (b !== 0x0a) expect(reference![b], `byte 0x${b.toString(16)}`).toBe(ours[b]);
  });
});
