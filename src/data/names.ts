/**
 * Vietnamese personal names: the surnames (a closed class, one spelling each) and common
 * syllables of middle and given names, for repairing a signer's name that OCR broke
 * (`Pham Ng(.)c Hu’ng` → `Phạm Ngọc Hưng`).
 */

/** Surnames, most frequent first. A surname read without its marks has one spelling. */
export const SURNAMES: readonly string[] = [
  'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý',
  'Đào', 'Đoàn', 'Vương', 'Trịnh', 'Trương', 'Đinh', 'Lâm', 'Phùng', 'Mai', 'Tô', 'Hà', 'Tạ', 'Cao', 'Lương', 'Thái',
  'Quách', 'Lưu', 'Châu', 'Triệu', 'Hứa', 'Từ', 'Kiều', 'Nông', 'Lò', 'Lục', 'Giáp', 'Khổng', 'Âu', 'Mạc', 'Tăng', 'Văn',
];

/** Syllables of middle and given names, most frequent first (a syllable OCR broke is matched against these). */
export const NAME_SYLLABLES: readonly string[] = [
  'Văn', 'Thị', 'Ngọc', 'Minh', 'Hữu', 'Đức', 'Quang', 'Thanh', 'Xuân', 'Hồng', 'Thu', 'Anh', 'Hoàng', 'Tuấn', 'Hùng', 'Hưng',
  'Hải', 'Hà', 'Hương', 'Lan', 'Linh', 'Long', 'Nam', 'Phong', 'Sơn', 'Thắng', 'Thành', 'Trung', 'Tú', 'Việt', 'Vinh', 'Dũng',
  'Cường', 'Bình', 'Chính', 'Công', 'Duy', 'Dương', 'Giang', 'Hạnh', 'Hiền', 'Hiếu', 'Hòa', 'Hoa', 'Huy', 'Khánh', 'Kiên',
  'Lâm', 'Lộc', 'Mai', 'Nga', 'Nghĩa', 'Nhung', 'Phúc', 'Phương', 'Quân', 'Quốc', 'Quỳnh', 'Tâm', 'Tân', 'Thảo', 'Thủy',
  'Thuận', 'Tiến', 'Toàn', 'Trang', 'Trí', 'Trọng', 'Tùng', 'Uyên', 'Vân', 'Yến', 'Kim', 'Diệu', 'Thúy', 'Phú', 'Đạt', 'Định',
  'Đông', 'Hiển', 'Hiệp', 'Hậu', 'Khoa', 'Lợi', 'Luân', 'Mạnh', 'Nhân', 'Phát', 'Quý', 'Sang', 'Tài', 'Thái', 'Thịnh', 'Thọ',
  'Tín', 'Tuân', 'Tường', 'Vũ', 'Vĩnh', 'Chí', 'Bảo', 'Gia', 'Khắc', 'Mỹ', 'Như', 'Phước', 'Sỹ', 'Thế', 'Tiên', 'Trường',
  'Hoài', 'Kỳ', 'Lực', 'Nguyên', 'Nhật', 'Phi', 'Thuận', 'Thư', 'Trinh', 'Viên', 'Vy', 'Hạ', 'Đăng', 'Bích', 'Cẩm', 'Diễm',
];
