/**
 * Encodes text as GBK (code page 936). Browsers only encode UTF-8 (TextEncoder), so the table is
 * built once, lazily, by decoding every two-byte GBK sequence with TextDecoder('gbk') — the same
 * mapping the reading side uses. Characters outside GBK become '?'.
 */
let table: Map<string, number> | null = null;

function buildTable(): Map<string, number> {
  const decoder = new TextDecoder('gbk');
  const map = new Map<string, number>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const character = decoder.decode(pair);
      if (character.length === 1 && character !== '\uFFFD' && !map.has(character)) map.set(character, (lead << 8) | trail);
    }
  }
  return map;
}

export function encodeGbk(text: string): Uint8Array {
  table ??= buildTable();
  const bytes: number[] = [];
  for (const character of text) {
    const code = character.codePointAt(0) as number;
    if (code < 0x80) {
      bytes.push(code);
      continue;
    }
    const encoded = table.get(character);
    if (encoded === undefined) bytes.push(0x3f);
    else bytes.push(encoded >> 8, encoded & 0xff);
  }
  return new Uint8Array(bytes);
}
