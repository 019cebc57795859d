/** Small closed classes of Vietnamese words that tell how printed lines join. */

/** Joining words and prepositions a printed line does not end with unless the text goes on (as printed). */
export const DANGLING_WORDS: ReadonlySet<string> = new Set([
  'và', 'của', 'các', 'với', 'về', 'cho', 'trong', 'trên', 'tại', 'theo', 'đến', 'từ', 'để', 'nhằm', 'hoặc', 'là', 'những', 'số',
  // A time word waits for its number (`Thời gian thực hiện: Quý` / `IV năm 2025 …`).
  'quý', 'tháng', 'Quý', 'Tháng', 'Năm',
  // `… của Thủ tướng` / `Chính phủ …`.
  'tướng',
]);

/** Capitalised first words of a body's name, left alone at a line's end when the name wrapped (`2. Sở` / `Khoa học và Công nghệ`). */
export const DANGLING_NAME_WORDS: ReadonlySet<string> = new Set([
  'Sở', 'Ban', 'Phòng', 'Bộ', 'Cục', 'Ủy', 'Uỷ', 'Trung', 'Văn', 'Chi', 'Chương', 'Ngân', 'Kho', 'Bảo', 'Công',
]);
