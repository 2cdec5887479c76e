// Types of ui-build.mjs (plain JavaScript: `npm start` runs it without any TypeScript tooling).
import type { ChildProcess } from "node:child_process";

export declare const BUILDING_PREFIX: string;
export declare function removeAbandonedBuilds(uiRoot: string): void;
export declare function startUiBuild(opts: {
  uiRoot: string;
  vite: string;
  args?: string[];
  log?: (line: string) => void;
}): { child: ChildProcess; done: Promise<boolean> } | null;
