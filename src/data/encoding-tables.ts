/**
 * Byte → Unicode tables of the single-byte Vietnamese encodings, written by
 * scripts/make-encodings.ts from glibc iconv and Python's codecs (do not edit by hand).
 * `low` lists the bytes under 0x80 that are not ASCII; `high` holds the 128 characters of
 * bytes 0x80–0xFF in order. U+FFFD marks a byte the encoding leaves undefined.
 */

export interface ByteTable {
  low: Readonly<Record<number, string>>;
  high: string;
}

/** TCVN 5712:1993 (glibc TCVN5712-1): "ABC", TCVN3; 0xB0–0xB4 are combining tone marks. */
export const TCVN3: ByteTable = {
  low: { 0x01: 'Ú', 0x02: 'Ụ', 0x04: 'Ừ', 0x05: 'Ử', 0x06: 'Ữ', 0x11: 'Ứ', 0x12: 'Ự', 0x13: 'Ỳ', 0x14: 'Ỷ', 0x15: 'Ỹ', 0x16: 'Ý', 0x17: 'Ỵ' },
  high: [
    'ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ', // 0x80
    'ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ', // 0x90
    '\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ', // 0xa0
    '\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ', // 0xb0
    'ẮẦẨẪẤỀặầẩẫấậèỂẻẽ', // 0xc0
    'éẹềểễếệìỉỄẾỒĩíịò', // 0xd0
    'Ổỏõóọồổỗốộờởỡớợù', // 0xe0
    'ỖủũúụừửữứựỳỷỹýỵỐ', // 0xf0
  ].join(''),
};

/** VISCII 1.1 (RFC 1456, glibc VISCII): six C0 controls replaced by capitals. */
export const VISCII: ByteTable = {
  low: { 0x02: 'Ẳ', 0x05: 'Ẵ', 0x06: 'Ẫ', 0x14: 'Ỷ', 0x19: 'Ỹ', 0x1e: 'Ỵ' },
  high: [
    'ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐ', // 0x80
    'ỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ', // 0x90
    'Õắằặấầẩậẽẹếềểễệố', // 0xa0
    'ồổỗỠƠộờởịỰỨỪỬơớƯ', // 0xb0
    'ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳ', // 0xc0
    'ĐứÒÓÔạỷừửÙÚỹỵÝỡư', // 0xd0
    'àáâãảăữẫèéêẻìíĩỉ', // 0xe0
    'đựòóôõỏọụùúũủýợỮ', // 0xf0
  ].join(''),
};

/** Windows-1258 (Python cp1258): tone marks as combining characters 0xCC, 0xD2, 0xDE, 0xEC, 0xF2. */
export const WINDOWS_1258: ByteTable = {
  low: {},
  high: [
    '€\ufffd‚ƒ„…†‡ˆ‰\ufffd‹Œ\ufffd\ufffd\ufffd', // 0x80
    '\ufffd‘’“”•–—˜™\ufffd›œ\ufffd\ufffdŸ', // 0x90
    '\u00a0¡¢£¤¥¦§¨©ª«¬\u00ad®¯', // 0xa0
    '°±²³´µ¶·¸¹º»¼½¾¿', // 0xb0
    'ÀÁÂĂÄÅÆÇÈÉÊË\u0300ÍÎÏ', // 0xc0
    'ĐÑ\u0309ÓÔƠÖ×ØÙÚÛÜƯ\u0303ß', // 0xd0
    'àáâăäåæçèéêë\u0301íîï', // 0xe0
    'đñ\u0323óôơö÷øùúûüư₫ÿ', // 0xf0
  ].join(''),
};

/** Windows-1252 (Python cp1252): the bytes of VNI-Windows text (src/data/vni.ts). */
export const WINDOWS_1252: ByteTable = {
  low: {},
  high: [
    '€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd', // 0x80
    '\ufffd‘’“”•–—˜™š›œ\ufffdžŸ', // 0x90
    '\u00a0¡¢£¤¥¦§¨©ª«¬\u00ad®¯', // 0xa0
    '°±²³´µ¶·¸¹º»¼½¾¿', // 0xb0
    'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏ', // 0xc0
    'ÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß', // 0xd0
    'àáâãäåæçèéêëìíîï', // 0xe0
    'ðñòóôõö÷øùúûüýþÿ', // 0xf0
  ].join(''),
};

