/**
 * Draws the app icons (a five-pointed star on the theme colour) and writes them as PNGs into
 * public/icons/. Run with `npm run icons -w ui`; the PNGs are committed.
 */
import { writeFileSync, mkdirSync } from "node:fs";
import { deflateSync } from "node:zlib";

const BG = [0x0f, 0x17, 0x2a] as const; // #0f172a, the manifest's theme colour
const STAR = [0xa7, 0x8b, 0xfa] as const; // violet-400

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function starPolygon(cx: number, cy: number, outer: number): [number, number][] {
  const inner = outer * 0.42;
  return Array.from({ length: 10 }, (_, i) => {
    const r = i % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)] as [number, number];
  });
}

function inside(poly: [number, number][], x: number, y: number): boolean {
  let hit = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

/** `starScale`: the star's outer radius as a share of half the icon; `rounded`: corner radius share. */
export function drawIcon(size: number, starScale: number, rounded: number): Uint8Array {
  const rgba = new Uint8Array(size * size * 4);
  const c = size / 2;
  const poly = starPolygon(c, c * 1.06, c * starScale);
  const radius = size * rounded;
  const S = 4; // 4×4 supersampling for smooth edges
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let star = 0;
      let cover = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const px = x + (sx + 0.5) / S;
          const py = y + (sy + 0.5) / S;
          const dx = Math.max(radius - px, px - (size - radius), 0);
          const dy = Math.max(radius - py, py - (size - radius), 0);
          if (radius > 0 && dx * dx + dy * dy > radius * radius) continue;
          cover++;
          if (inside(poly, px, py)) star++;
        }
      }
      const n = S * S;
      const k = star / Math.max(cover, 1);
      const o = (y * size + x) * 4;
      for (let ch = 0; ch < 3; ch++) rgba[o + ch] = Math.round(BG[ch]! * (1 - k) + STAR[ch]! * k);
      rgba[o + 3] = Math.round((cover / n) * 255);
    }
  }
  return rgba;
}

const icons: { file: string; size: number; star: number; rounded: number }[] = [
  { file: "icon-192.png", size: 192, star: 0.62, rounded: 0.18 },
  { file: "icon-512.png", size: 512, star: 0.62, rounded: 0.18 },
  // Maskable: full bleed, the star inside the 80 % safe circle.
  { file: "maskable-512.png", size: 512, star: 0.5, rounded: 0 },
  { file: "apple-touch-icon.png", size: 180, star: 0.6, rounded: 0 },
  { file: "favicon-32.png", size: 32, star: 0.72, rounded: 0.18 },
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = new URL("../public/icons/", import.meta.url);
  mkdirSync(dir, { recursive: true });
  for (const icon of icons) {
    writeFileSync(new URL(icon.file, dir), encodePng(icon.size, drawIcon(icon.size, icon.star, icon.rounded)));
    console.log(`wrote public/icons/${icon.file}`);
  }
}
