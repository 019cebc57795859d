/**
 * The generic OCR channel used when no learned confusion model (`models/confusions.json.gz`)
 * is present: what an OCR engine prints for Vietnamese letters it cannot read, from the
 * measured confusions of the `eng` model (shared notes, "Most frequent character
 * confusions") and the shape of the glyphs. Each rule says: OCR printed `ocr` where the page
 * had letters whose folded (unmarked) form is `gold`; `cost` is −ln P, in nats.
 */
export interface GenericConfusion {
  ocr: string;
  gold: string;
  cost: number;
}

const rules = (ocr: string, golds: string, cost: number): GenericConfusion[] => golds.split(' ').map((gold) => ({ ocr, gold, cost }));

export const GENERIC_CONFUSIONS: readonly GenericConfusion[] = [
  // digits and symbols for letters that carry marks or look alike
  ...rules('6', 'o', 1.5),
  ...rules('4', 'a', 1.5),
  ...rules('1', 'l i', 1.5),
  ...rules('13', 'la', 2.5),
  ...rules('0', 'o', 2.5),
  ...rules('8', 'e o', 3),
  ...rules('9', 'g', 3),
  ...rules('5', 's', 3),
  ...rules('¢', 'o', 1.2),
  ...rules('€', 'e', 1.2),
  ...rules('¥', 'y', 1.2),
  ...rules('£', 'e', 2.5),
  ...rules('&', 'o a', 3),
  ...rules('§', 'o', 3),
  ...rules("'", '', 2),
  ...rules('’', '', 2),
  ...rules("u'", 'u', 1.5),
  ...rules('u’', 'u', 1.5),
  ...rules("o'", 'o', 1.5),
  ...rules('o’', 'o', 1.5),
  // letters for letters
  ...rules('p', 'd', 2.5),
  ...rules('w', 'u', 1.5),
  ...rules('y', 'u', 2),
  ...rules('q', 'o', 2),
  ...rules('g', 'o', 3),
  ...rules('d', 'o', 2.5),
  ...rules('l', 'i', 2.5),
  ...rules('i', 'a l', 3),
  ...rules('i', 'u', 2.5),
  ...rules('e', 'c', 2.5),
  ...rules('c', 'e', 2.5),
  ...rules('rn', 'm', 2.5),
  ...rules('cl', 'd', 2.5),
  ...rules('ii', 'h u', 2.5),
  ...rules('ti', 'u', 1.5),
  ...rules('ir', 'u', 1.5),
  ...rules('tr', 'u', 2),
  ...rules('it', 'u', 2),
  ...rules('ud', 'uo', 1.5),
  ...rules('ai', 'o', 3),
  ...rules('é', 'e', 0.4),
  ...rules('é', 'o a', 2.5),
  ...rules('m', 'n', 3.5),
];
