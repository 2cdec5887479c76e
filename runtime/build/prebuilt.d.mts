// Types of prebuilt.mjs (plain JavaScript: it runs before any TypeScript tooling loads).
export declare const RUNTIME_DIR: string;
export declare const REPO_ROOT: string;
export declare const NODE_DIST_DIR: string;
export declare const STAMP_FILE: string;
export declare const NODE_BUNDLE_FILES: { server: "server.mjs"; cli: "cli.mjs" };
export declare const BUILD_INPUTS: string[];
export interface BuildStamp {
  version: number;
  files: Record<string, [number, number]>;
}
export declare function signature(path: string): [number, number] | null;
export declare function makeStamp(absolutePaths: string[], root?: string): BuildStamp;
export declare function staleReason(stampFile?: string, root?: string): string | null;
export declare class PrebuiltError extends Error {}
export declare function ensureNodeBundle(
  name: "server" | "cli",
  opts?: { log?: (line: string) => void; tsx?: string | null; distDir?: string },
): Promise<string>;
