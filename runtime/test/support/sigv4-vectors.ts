/** AWS's published SigV4 test vectors (test/fixtures/sigv4/vectors.json), as both signer test files read them. */
import { readFile } from "node:fs/promises";

export interface Vector {
  name: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  sessionToken?: string;
  /** The signer leaves `content-type` unsigned unless asked (SigV4 allows it: the payload hash covers the body). */
  allHeaders?: boolean;
  authorization: string;
}

export interface VectorSuite {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
  datetime: string;
  vectors: Vector[];
}

export const sigv4Suite = JSON.parse(await readFile(new URL("../fixtures/sigv4/vectors.json", import.meta.url), "utf8")) as VectorSuite;
