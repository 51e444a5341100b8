// Generates every icon the installers need from the one master, resources/icon.png:
//   resources/icons/<N>x<N>.png  Linux (AppImage, deb) — electron-builder reads the size from the name
//   resources/icon.ico           Windows (NSIS, the .exe), 16–256 px, PNG-compressed entries
//   resources/icon.icns          macOS (the .app and the dmg volume), 16–1024 px incl. @2x
// Run `node scripts/make-icons.mjs` after changing the master and commit the results. Resampling is
// an exact area average in premultiplied alpha (no halos at the transparent corners); the 1024 px
// size from the 512 px master is a plain 2× enlargement, sharp because the artwork is pixel-aligned.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pngjs from 'pngjs';

const { PNG } = pngjs;

export const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** ICNS element types (Apple's "icns" format) and the pixel size each holds. */
export const ICNS_TYPES = [
  ['icp4', 16],
  ['ic11', 32], // 16@2x
  ['icp5', 32],
  ['ic12', 64], // 32@2x
  ['ic07', 128],
  ['ic13', 256], // 128@2x
  ['ic08', 256],
  ['ic14', 512], // 256@2x
  ['ic09', 512],
  ['ic10', 1024], // 512@2x
];

/** For each target index, the source indices it covers and their share of its area. */
function weights(srcSize, dstSize) {
  const scale = srcSize / dstSize;
  const result = [];
  for (let i = 0; i < dstSize; i++) {
    const start = i * scale;
    const end = start + scale;
    const taps = [];
    for (let s = Math.floor(start); s < Math.min(srcSize, Math.ceil(end)); s++) {
      const overlap = Math.min(end, s + 1) - Math.max(start, s);
      if (overlap > 0) taps.push([s, overlap / scale]);
    }
    result.push(taps);
  }
  return result;
}

/** Area-average resample of an RGBA PNG to size × size. */
export function resize(src, size) {
  const { width, height, data } = src;
  // Premultiply so fully transparent pixels (whatever colour they store) add nothing.
  const pre = new Float64Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const a = data[p * 4 + 3] / 255;
    pre[p * 4] = data[p * 4] * a;
    pre[p * 4 + 1] = data[p * 4 + 1] * a;
    pre[p * 4 + 2] = data[p * 4 + 2] * a;
    pre[p * 4 + 3] = data[p * 4 + 3];
  }
  const wx = weights(width, size);
  const wy = weights(height, size);
  const rows = new Float64Array(size * height * 4); // horizontal pass
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < size; x++) {
      for (const [s, w] of wx[x]) {
        for (let c = 0; c < 4; c++) rows[(y * size + x) * 4 + c] += pre[(y * width + s) * 4 + c] * w;
      }
    }
  }
  const out = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = [0, 0, 0, 0];
      for (const [s, w] of wy[y]) {
        for (let c = 0; c < 4; c++) px[c] += rows[(s * size + x) * 4 + c] * w;
      }
      const a = px[3];
      const o = (y * size + x) * 4;
      out.data[o] = a > 0 ? Math.round(Math.min(255, (px[0] * 255) / a)) : 0;
      out.data[o + 1] = a > 0 ? Math.round(Math.min(255, (px[1] * 255) / a)) : 0;
      out.data[o + 2] = a > 0 ? Math.round(Math.min(255, (px[2] * 255) / a)) : 0;
      out.data[o + 3] = Math.round(Math.min(255, a));
    }
  }
  return out;
}

const encode = (png) => PNG.sync.write(png, { colorType: 6 });

/** Windows .ico with PNG-compressed images (supported since Windows Vista). */
export function ico(pngs) {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(({ size, bytes }, i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, e); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, e + 1);
    header.writeUInt8(0, e + 2); // no palette
    header.writeUInt8(0, e + 3);
    header.writeUInt16LE(1, e + 4); // planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(bytes.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += bytes.length;
  });
  return Buffer.concat([header, ...pngs.map((p) => p.bytes)]);
}

/** Apple .icns: "icns", total length, then (type, length, PNG) elements. */
export function icns(elements) {
  const parts = elements.map(({ type, bytes }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(bytes.length + 8, 4);
    return Buffer.concat([head, bytes]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

export function makeIcons(resourcesDir) {
  const master = PNG.sync.read(fs.readFileSync(path.join(resourcesDir, 'icon.png')));
  if (master.width !== master.height) throw new Error(`resources/icon.png must be square (it is ${master.width}×${master.height}).`);
  const bytes = new Map(SIZES.map((size) => [size, encode(resize(master, size))]));
  const iconsDir = path.join(resourcesDir, 'icons');
  fs.mkdirSync(iconsDir, { recursive: true });
  for (const [size, png] of bytes) fs.writeFileSync(path.join(iconsDir, `${size}x${size}.png`), png);
  fs.writeFileSync(path.join(resourcesDir, 'icon.ico'), ico(ICO_SIZES.map((size) => ({ size, bytes: bytes.get(size) }))));
  fs.writeFileSync(path.join(resourcesDir, 'icon.icns'), icns(ICNS_TYPES.map(([type, size]) => ({ type, bytes: bytes.get(size) }))));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  makeIcons(fileURLToPath(new URL('../resources', import.meta.url)));
  console.log(`Icons written: resources/icons/{${SIZES.join(',')}}, resources/icon.ico, resources/icon.icns`);
}
