/**
 * VNI-Windows, the font encoding of the VNI fonts (VNI-Times…): a Vietnamese letter is its
 * base letter followed by mark characters, all of them Windows-1252 bytes, which the font
 * draws as one letter. A few letters are one character of their own. Capitals take the
 * capital forms of the same characters (`AÙ` = Á). Layout as the VNI fonts and the Vietnamese
 * input tools that convert them (xvnkb's VNI table, UniKey) have it.
 */

/** Tone marks (NFD combining character → VNI mark), after a vowel without a shape mark. */
export const VNI_TONE: Readonly<Record<string, string>> = {
  '\u0301': 'ù', // sắc
  '\u0300': 'ø', // huyền
  '\u0309': 'û', // hỏi
  '\u0303': 'õ', // ngã
  '\u0323': 'ï', // nặng
};

/** Circumflex (â ê ô), alone and with each tone: one mark character for both. */
export const VNI_CIRCUMFLEX = { none: 'â', '\u0301': 'á', '\u0300': 'à', '\u0309': 'å', '\u0303': 'ã', '\u0323': 'ä' } as const;

/** Breve (ă), alone and with each tone. */
export const VNI_BREVE = { none: 'ê', '\u0301': 'é', '\u0300': 'è', '\u0309': 'ú', '\u0303': 'ü', '\u0323': 'ë' } as const;

/** Letters whose base is a character of its own: ơ, ư, đ (the tone of ơ and ư follows as a mark). */
export const VNI_BASE_LETTERS: Readonly<Record<string, string>> = { 'ơ': 'ô', 'ư': 'ö', 'đ': 'ñ' };

/** Whole letters that are one character: the toned i's and ỵ. */
export const VNI_SINGLE_LETTERS: Readonly<Record<string, string>> = {
  'í': 'í', 'ì': 'ì', 'ỉ': 'æ', 'ĩ': 'ó', 'ị': 'ò', 'ỵ': 'î',
};
