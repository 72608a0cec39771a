/** Byte decoding without Node's Buffer or the browser's atob: core runs in both. */

const utf8 = new TextDecoder("utf-8", { fatal: false });

const base64Values = new Int8Array(128).fill(-1);
for (const [index, character] of [
  ..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
].entries()) {
  base64Values[character.charCodeAt(0)] = index;
}
// Standard and URL-safe alphabets both.
base64Values["+".charCodeAt(0)] = 62;
base64Values["-".charCodeAt(0)] = 62;
base64Values["/".charCodeAt(0)] = 63;
base64Values["_".charCodeAt(0)] = 63;

/** The bytes of base64 text (padding and unknown characters ignored). */
export function decodeBase64(text: string): Uint8Array {
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let size = 0;
  let buffer = 0;
  let bits = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const value = code < 128 ? (base64Values[code] ?? -1) : -1;
    if (value < 0) continue;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[size] = (buffer >> bits) & 0xff;
      size += 1;
    }
  }
  return bytes.subarray(0, size);
}

/** The bytes of hex digit pairs, skipping anything else (spaces, colons, `\x`). */
export function decodeHex(text: string): Uint8Array {
  const bytes = new Uint8Array(Math.ceil(text.length / 2));
  let size = 0;
  let high = -1;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    let value = -1;
    if (code >= 0x30 && code <= 0x39) value = code - 0x30;
    else if (code >= 0x61 && code <= 0x66) value = code - 0x57;
    else if (code >= 0x41 && code <= 0x46) value = code - 0x37;
    else if (code === 0x78 || code === 0x58) {
      // the x of "\x41" or "0x41"; a lone digit before it was the 0 of "0x"
      high = -1;
      continue;
    } else continue;
    if (high < 0) high = value;
    else {
      bytes[size] = (high << 4) | value;
      size += 1;
      high = -1;
    }
  }
  return bytes.subarray(0, size);
}

export function utf8Text(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/**
 * Whether decoded text reads as text: mostly letters, digits, spaces and punctuation, with no
 * control characters beyond line breaks and no undecodable bytes.
 */
export function looksLikeText(text: string): boolean {
  if (text.length < 4) return false;
  let readable = 0;
  let letters = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0xfffd) continue;
    if (code >= 0x20 && code !== 0x7f) {
      readable += 1;
      if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code > 0xbf) {
        letters += 1;
      }
    } else if (code === 0x09 || code === 0x0a || code === 0x0d) readable += 1;
  }
  return readable >= text.length * 0.9 && letters >= text.length * 0.5;
}
