/**
 * Sentences. The language model was trained on one paragraph per line, each line a fresh
 * start; the restorer reads hard-wrapped text as one stream, so it must tell a line that starts
 * a sentence (the previous one ended with `.`, a list item) from a line that carries on the
 * previous one.
 */
import { capitalisedWord, type Piece } from './pieces.js';
import { BULLET, SENTENCE_END } from './data/structure.js';

/**
 * Mark the pieces where a sentence starts: the first piece of a line after a line that ended
 * a sentence (`.`, `:`, `;`, `!`, `?`, `…`), or that opens with a bullet, a dash or a list
 * label. A line that opens with a capital after one that ended otherwise may start a sentence
 * (`'maybe'`: a table's next cell, a heading) or go on with it (hard-wrapped lines break
 * before names): the decoder reads it both ways.
 */
export function markSentenceStarts(pieces: Piece[]): void {
  let prevLine = -1;
  let prevLast: Piece | undefined;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    if (p.line !== prevLine) {
      if (prevLast) {
        const ended = SENTENCE_END.test(prevLast.text);
        const bullet = p.fixed && (BULLET.test(p.text) || (pieces[i + 1]?.token.from === p.token.to && /^[.)]$/u.test(pieces[i + 1]!.text)));
        p.boundary = ended || bullet || (capitalisedWord(p) ? 'maybe' : false);
      }
      prevLine = p.line;
    }
    prevLast = p;
  }
}
