/**
 * Preloaded (`node --import tsx --import <this file> …/@pulumi/pulumi/cmd/run …`) by the start-up
 * test: installs the recording mocks before Pulumi's own runner loads the program, so the program
 * starts exactly as under `pulumi up` but talks to mocks. On exit it writes the recorded graph and
 * the stack's outputs to $STELLARR_MOCK_GRAPH_OUT.
 */
import { writeFileSync } from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { installMocks, unwrapSecrets } from "@stellarr/testkit/pulumi/recorder";

const out = process.env.STELLARR_MOCK_GRAPH_OUT;
if (!out) throw new Error("STELLARR_MOCK_GRAPH_OUT is not set");

/** `--name=value` or `--name value`, as cmd/run will read them (it exports them only after preloads ran). */
function flag(name: string): string | undefined {
  const argv = process.argv;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}`) return argv[i + 1];
    if (argv[i]!.startsWith(`--${name}=`)) return argv[i]!.slice(name.length + 3);
  }
  return undefined;
}

const recorder = await installMocks({
  project: flag("project"),
  stack: flag("stack"),
  preview: process.argv.includes("--dry-run"),
});
const monitor = pulumi.runtime.getMonitor() as any;
// The engine's end-of-program handshake; the mock monitor lacks it.
monitor.signalAndWaitForShutdown ??= (_req: unknown, cb: (err: null, res: object) => void) => cb(null, {});

process.on("exit", () => {
  const outputs: Record<string, unknown> = {};
  const secretOutputs: string[] = [];
  for (const [urn, entry] of monitor.resources as Map<string, { state: any }>) {
    if (!urn.includes("::pulumi:pulumi:Stack::")) continue;
    const state = typeof entry.state?.toJavaScript === "function" ? entry.state.toJavaScript() : entry.state;
    Object.assign(outputs, unwrapSecrets(state ?? {}, "", secretOutputs));
  }
  writeFileSync(out, JSON.stringify({ resources: recorder.resources, outputs, secretOutputs }));
});
