/**
 * The signature block of Vietnamese administrative documents: authority marks (`TM.`,
 * `KT.`, `TL.`, `TUQ.`, `Q.`) and signers' titles, folded and OCR-tolerant.
 */

/** An authority mark and what follows it, anywhere on a line (the right column). */
export const AUTHORITY_MARK = /(?:^|\s)(?:TM|KT|TL|TUQ|Q|T\/M)\s*[.,]\s*(?=\S)/u;

/** Signers' titles (folded words), matched at the end of a line. */
export const POSITIONS: readonly string[] = [
  'pho chu tich thuong truc', 'pho chu tich', 'chu tich', 'pho giam doc', 'giam doc', 'pho truong ban', 'truong ban',
  'pho truong phong', 'truong phong', 'pho bi thu', 'bi thu', 'chanh van phong', 'pho chanh van phong', 'thu truong',
  'bo truong', 'pho thu truong', 'cuc truong', 'chi cuc truong', 'hieu truong', 'pho hieu truong', 'truong khoa',
];

/** Words that are never part of a signer's name. */
export const NOT_NAME_WORDS: readonly string[] = [
  'uy', 'ban', 'nhan', 'dan', 'chu', 'tich', 'noi', 'luu', 'ubnd', 'hdnd', 'so', 'phong', 'huyen', 'xa', 'tinh', 'cac',
  'thanh', 'vien', 'truong', 'doan', 'the', 'hoi', 'tm', 'kt', 'tl', 'gui', 'ban', 'dien', 'tu',
];
