// Draws the toolbar icon (an eye in a rounded square: "see how you are seen") as PNGs, no image tools
// needed. Run once: npx tsx scripts/make-icons.ts; the PNGs are committed under public/icon/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size: number): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const s = size;
  for (let y = 0; y < s; y++) {
    raw[y * (s * 4 + 1)] = 0;
    for (let x = 0; x < s; x++) {
      const u = (x + 0.5) / s, v = (y + 0.5) / s;
      const r = 0.2, inX = Math.max(Math.abs(u - 0.5) - (0.5 - r), 0), inY = Math.max(Math.abs(v - 0.5) - (0.5 - r), 0);
      const inside = Math.hypot(inX, inY) <= r;
      // eye: intersection of two circles, iris and pupil
      const lid = Math.hypot(u - 0.5, v - 0.5 + 0.32) < 0.55 && Math.hypot(u - 0.5, v - 0.5 - 0.32) < 0.55;
      const iris = Math.hypot(u - 0.5, v - 0.5) < 0.16;
      const pupil = Math.hypot(u - 0.5, v - 0.5) < 0.07;
      let px = [0, 0, 0, 0];
      if (inside) px = [61, 65, 153, 255];
      if (inside && lid) px = [255, 255, 255, 255];
      if (inside && iris) px = [61, 65, 153, 255];
      if (inside && pupil) px = [20, 20, 40, 255];
      raw.set(px, y * (s * 4 + 1) + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(s, 0);
  ihdr.writeUInt32BE(s, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
mkdirSync('public/icon', { recursive: true });
for (const n of [16, 32, 48, 96, 128]) writeFileSync(`public/icon/${n}.png`, png(n));
