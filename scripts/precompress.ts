// After `next build` (npm run build): a Brotli (quality 11) and a gzip (level 9) twin beside each
// text asset of the build's static folder, for server.ts to send as they are
// (lib/server/precompressed.ts). A twin is written only when it is smaller than the file.
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { COMPRESSIBLE } from "@/lib/server/precompressed";
import { distDir } from "./support/next-server";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

const staticDir = path.join(process.cwd(), distDir(), "static");
if (!fs.existsSync(staticDir)) {
  console.error(`precompress: ${staticDir} does not exist (run next build first)`);
  process.exit(1);
}

const files = (fs.readdirSync(staticDir, { recursive: true }) as string[])
  .map((f) => path.join(staticDir, f))
  .filter((f) => COMPRESSIBLE.test(f) && fs.statSync(f).isFile());
let original = 0;
let compressed = 0;
const started = performance.now();
await Promise.all(
  files.map(async (file) => {
    const bytes = fs.readFileSync(file);
    const [br, gz] = await Promise.all([
      brotli(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
      gzip(bytes, { level: 9 }),
    ]);
    original += bytes.length;
    compressed += Math.min(br.length, bytes.length);
    if (br.length < bytes.length) fs.writeFileSync(`${file}.br`, br);
    if (gz.length < bytes.length) fs.writeFileSync(`${file}.gz`, gz);
  }),
);
console.log(
  `precompress: ${files.length} files in ${path.relative(process.cwd(), staticDir)}, ${(original / 1000).toFixed(0)} kB -> ${(compressed / 1000).toFixed(0)} kB with Brotli (${(performance.now() - started).toFixed(0)} ms)`,
);
