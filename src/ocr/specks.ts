/**
 * How speckled a page is: the share of dark pixels that stand alone, with a light ring of
 * radius 3 around them (rows sampled every third; 5–25 ms on an A4 page at 300 dpi).
 * Measured on fresh renders of plans 002 and 003: clean 0.0000, office scans 0.0005–0.0013
 * (0.007–0.010 on a sparse signature page), 200 dpi JPEG pages with specks 0.020–0.035.
 */
export function speckShare(data: Uint8Array, width: number, height: number, threshold = 128): number {
  let dark = 0;
  let specks = 0;
  for (let y = 3; y < height - 3; y += 3) {
    const row = y * width;
    for (let x = 3; x < width - 3; x++) {
      if (data[row + x]! >= threshold) continue;
      dark++;
      let alone = true;
      for (let d = -3; d <= 3 && alone; d++) {
        alone =
          data[row - 3 * width + x + d]! >= threshold && data[row + 3 * width + x + d]! >= threshold &&
          data[row + d * width + x - 3]! >= threshold && data[row + d * width + x + 3]! >= threshold;
      }
      if (alone) specks++;
    }
  }
  return dark ? specks / dark : 0;
}

/** Above this share a page is despeckled before OCR. */
export const SPECKLED_PAGE = 0.005;
