/** A throwaway self-signed P-256 certificate from Debian's `openssl`, for local https fakes (push service, poster server). */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export async function selfSignedCertificate(opts: {
  commonName: string;
  altNames?: string;
  days?: number;
}): Promise<{ key: Buffer; cert: Buffer }> {
  const dir = await mkdtemp(join(tmpdir(), "self-signed-"));
  try {
    const args = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    args.push(
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem"),
      "-days",
      String(opts.days ?? 2),
      "-subj",
      `/CN=${opts.commonName}`,
    );
    if (opts.altNames) args.push("-addext", `subjectAltName=${opts.altNames}`);
    await run("openssl", args);
    const [key, cert] = await Promise.all([readFile(join(dir, "key.pem")), readFile(join(dir, "cert.pem"))]);
    return { key, cert };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
