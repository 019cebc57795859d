/**
 * Word documents: what Word prints for the private-use characters of its symbol fonts, and
 * the namespaces of WordprocessingML.
 */

/**
 * Bullets of Word lists are often a Symbol or Wingdings character in the Unicode private
 * use area (U+F000 + the font's byte): the character they print as.
 */
export const SYMBOL_BULLETS: Readonly<Record<string, string>> = {
  '\uF0B7': '•', // Symbol: bullet, Word's default
  '\uF02D': '-', // Symbol: minus
  '\uF02A': '*',
  '\uF06F': 'o', // Courier New "o" bullets are plain letters; Symbol's is a circle
  '\uF0A7': '▪', // Wingdings: small square
  '\uF06E': '■', // Wingdings: square
  '\uF076': '❖', // Wingdings: four diamonds
  '\uF0D8': '➢', // Wingdings: arrowhead
  '\uF0E8': '➔', // Wingdings: arrow
  '\uF0FC': '✓', // Wingdings: tick
  '\uF0B2': '◊',
};

/** The bullet printed when a list level's character is one we cannot name. */
export const DEFAULT_BULLET = '•';

/** WordprocessingML, transitional (what Word writes) and strict. */
export const WORD_NAMESPACES: readonly string[] = [
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
];

export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const DOC_MEDIA_TYPE = 'application/msword';
