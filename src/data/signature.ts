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
  'bo truong', 'pho thu truong', 'thu tuong', 'pho thu tuong', 'tong giam doc', 'pho tong giam doc', 'vien truong',
  'pho vien truong', 'chanh an', 'tong cuc truong', 'cuc truong', 'chi cuc truong', 'hieu truong', 'pho hieu truong', 'truong khoa',
];

/**
 * Folded phrases that make a line an office, not a signer's name. Single words only where
 * no Vietnamese name uses them (`Thanh`, `Huyền`, `Trương`, `Đoàn`, `Phong` are names).
 */
export const NOT_NAME_PHRASES: readonly string[] = [
  'uy ban', 'nhan dan', 'chu tich', 'noi nhan', 'thu tuong', 'chinh phu', 'giam doc', 'truong ban', 'truong phong',
  'cong hoa', 'doc lap', 'ky boi', 'ngay ky', 'thanh vien', 'doan the', 'ban dien tu', 'van phong', 'so ', 'phong ',
  'luu', 'ubnd', 'hdnd', 'chu nghia', 'viet nam', 'hanh phuc', 'doc lap', 'ke hoach', 'quyet dinh', 'ubmttq', 'tm', 'kt', 'tl', 'tuq', 'cac', 'noi', 'gui', 'huyen uy', 'tinh uy', 'dang uy',
];
