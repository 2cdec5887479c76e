/**
 * A local S3 that verifies SigV4 (`@20minutes/s3rver@4`): a wrong secret gets 403
 * SignatureDoesNotMatch. Access key and secret are both `S3RVER`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
// @ts-expect-error — s3rver ships no types
import S3rver from "@20minutes/s3rver";

export interface S3Fake {
  /** Path-style endpoint, e.g. `http://127.0.0.1:41234`. */
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** GET an object back (unsigned reads are allowed by s3rver). */
  get(bucket: string, key: string): Promise<Response>;
  close(): Promise<void>;
}

export async function startS3Fake(opts: { buckets: string[] }): Promise<S3Fake> {
  const directory = await mkdtemp(join(tmpdir(), "stellarr-s3-"));
  const server = new S3rver({
    port: 0,
    address: "127.0.0.1",
    silent: true,
    directory,
    configureBuckets: opts.buckets.map((name) => ({ name, configs: [] })),
  });
  const { port } = (await server.run()) as { address: string; port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    get: (bucket, key) => fetch(`${endpoint}/${bucket}/${key}`),
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
