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
  // `… theo quy định của Luật` / `Ngân sách nhà nước …`: a law's name.
  'Luật',
]);

/** Verbs whose object is a document (`thực hiện`, `triển khai`, `ban hành` … `Kế hoạch này`), at a line's end. */
export const DOCUMENT_OBJECT_VERB = /(?:^|\s)(?:thực hiện|triển khai|ban hành|xây dựng|sửa đổi|hướng dẫn thi hành)$/u;
/**
 * A line that opens with `Kế hoạch này`, `Luật này` …: after a verb that ends the line above, its
 * object (`1. Kinh phí bảo đảm thực hiện` / `Kế hoạch này được bố trí …`). A name without `này`
 * may open a paragraph under a title (`2. Phạm vi thực hiện` / `Chương trình được thực hiện …`).
 */
export const DOCUMENT_NOUN_START = /^(?:Kế hoạch|Luật|Nghị định|Nghị quyết|Quyết định|Chỉ thị|Chương trình|Đề án|Thông tư|Kết luận|Chiến lược) này(?!\p{L})/u;
