/**
 * Text encodings of Chinese GIS files: a Shapefile's .cpg names the code page (often `936`,
 * `CP936`, `ANSI 936`, `GBK`, `GB2312`, `GB18030`, `UTF-8`), the DBF header has a language driver
 * byte, and old files have neither — then the bytes decide (valid UTF-8 → UTF-8, else GB18030).
 */
export type TextEncodingName = 'utf-8' | 'gb18030';

export interface EncodingDecision {
  encoding: TextEncodingName;
  /** Where the decision came from, for the import report. */
  source: 'cpg' | 'dbf-language-driver' | 'detected';
}

/** Maps a .cpg text to an encoding; null when it names none this app reads. */
export function encodingFromCodePage(text: string): TextEncodingName | null {
  const label = text.trim().toUpperCase().replace(/^ANSI\s*/, '').replace(/[\s_-]/g, '');
  if (label === 'UTF8' || label === '65001') return 'utf-8';
  // GBK and GB2312 are subsets of GB18030, so one decoder reads all three.
  if (['936', 'CP936', 'GBK', 'GB2312', 'GB18030', '54936', 'CP54936', 'MS936', 'WINDOWS936'].includes(label)) return 'gb18030';
  return null;
}

/** DBF language driver ids (byte 29): 0x4D = code page 936 (GBK); 0x57 = ANSI (system code page). */
export function encodingFromLanguageDriver(byte: number): TextEncodingName | null {
  if (byte === 0x4d || byte === 0x7a) return 'gb18030';
  return null;
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function decideEncoding(cpgText: string | null, languageDriver: number, sample: Uint8Array): EncodingDecision {
  const fromCpg = cpgText === null ? null : encodingFromCodePage(cpgText);
  if (fromCpg) return { encoding: fromCpg, source: 'cpg' };
  const fromDriver = encodingFromLanguageDriver(languageDriver);
  if (fromDriver) return { encoding: fromDriver, source: 'dbf-language-driver' };
  return { encoding: isValidUtf8(sample) ? 'utf-8' : 'gb18030', source: 'detected' };
}

/** Decodes bytes as the encoding (a UTF-8 byte order mark is dropped). */
export function decodeText(bytes: Uint8Array, encoding: TextEncodingName): string {
  return new TextDecoder(encoding, { ignoreBOM: false }).decode(bytes);
}

/** For text files with no declared encoding: a BOM or valid UTF-8 means UTF-8, anything else GBK/GB18030. */
export function sniffTextEncoding(bytes: Uint8Array): TextEncodingName {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  return isValidUtf8(bytes) ? 'utf-8' : 'gb18030';
}

export const ENCODING_LABELS: Record<TextEncodingName, string> = { 'utf-8': 'UTF-8', gb18030: 'GBK/GB18030' };
