/** Create the OCR engine a run asks for. */
import { OcrEngineOptions, type OcrEngine } from './engine.js';
import { NativeTesseractEngine } from './native.js';
import { TesseractJsEngine } from './tesseractjs.js';

export * from './engine.js';
export { NativeTesseractEngine, nativeTesseractAvailable } from './native.js';
export { TesseractJsEngine } from './tesseractjs.js';

export function createOcrEngine(options: OcrEngineOptions = {}): OcrEngine {
  const o = OcrEngineOptions.parse(options);
  return o.engine === 'native' ? new NativeTesseractEngine(o) : new TesseractJsEngine(o);
}
