/** A picture's kind and size in pixels, read from its own bytes. */
export interface ImageSize {
  type: 'png' | 'jpg' | 'gif' | 'webp';
  width: number;
  height: number;
}

const ascii = (b: Uint8Array, start: number, end: number): string =>
  String.fromCharCode(...b.subarray(start, end));

function pngSize(b: Uint8Array, view: DataView): ImageSize | null {
  // The signature, then the IHDR chunk: length, "IHDR", width, height (big-endian).
  if (b.length < 24 || ascii(b, 12, 16) !== 'IHDR') return null;
  return { type: 'png', width: view.getUint32(16), height: view.getUint32(20) };
}

function gifSize(b: Uint8Array, view: DataView): ImageSize | null {
  if (b.length < 10) return null;
  return { type: 'gif', width: view.getUint16(6, true), height: view.getUint16(8, true) };
}

// Start-of-frame markers carry the size: SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function jpegSize(b: Uint8Array, view: DataView): ImageSize | null {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    // Fill bytes before a marker, and markers without a length (TEM, RST0–7).
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const length = view.getUint16(i + 2);
    if (SOF.has(marker)) {
      if (i + 9 > b.length) return null;
      return { type: 'jpg', height: view.getUint16(i + 5), width: view.getUint16(i + 7) };
    }
    // End of image or start of scan before any frame header: no size to be had.
    if (marker === 0xd9 || marker === 0xda || length < 2) return null;
    i += 2 + length;
  }
  return null;
}

function webpSize(b: Uint8Array, view: DataView): ImageSize | null {
  const chunk = ascii(b, 12, 16);
  if (chunk === 'VP8 ' && b.length >= 30) {
    // Lossy: a key frame's 14-bit width and height after its start code.
    return {
      type: 'webp',
      width: view.getUint16(26, true) & 0x3fff,
      height: view.getUint16(28, true) & 0x3fff,
    };
  }
  if (chunk === 'VP8L' && b.length >= 25 && b[20] === 0x2f) {
    // Lossless: 14 bits of width − 1, then 14 bits of height − 1, little-endian.
    const bits = view.getUint32(21, true);
    return { type: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X' && b.length >= 30) {
    // Extended: 24-bit canvas width − 1 and height − 1.
    const w = b[24]! | (b[25]! << 8) | (b[26]! << 16);
    const h = b[27]! | (b[28]! << 8) | (b[29]! << 16);
    return { type: 'webp', width: w + 1, height: h + 1 };
  }
  return null;
}

/**
 * The kind and pixel size of a PNG, JPEG, GIF or WebP picture, read from its header; null for
 * anything else or a header too damaged to read. Never trusts the file name.
 */
export function imageSize(bytes: Uint8Array): ImageSize | null {
  const b = bytes;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let size: ImageSize | null = null;
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 4) === 'PNG') size = pngSize(b, view);
  else if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) size = jpegSize(b, view);
  else if (b.length >= 6 && /^GIF8[79]a$/.test(ascii(b, 0, 6))) size = gifSize(b, view);
  else if (b.length >= 16 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP')
    size = webpSize(b, view);
  return size && size.width > 0 && size.height > 0 ? size : null;
}

/**
 * `size` scaled down, keeping its shape, to fit within `maxWidth` × `maxHeight`; a picture that
 * already fits keeps its own size. Whole pixels, never less than one.
 */
export function fitWithin(
  size: { width: number; height: number },
  maxWidth: number,
  maxHeight: number,
): { width: number; height: number } {
  const scale = Math.min(1, maxWidth / size.width, maxHeight / size.height);
  return {
    width: Math.max(1, Math.round(size.width * scale)),
    height: Math.max(1, Math.round(size.height * scale)),
  };
}
