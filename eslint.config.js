// Flat config: typescript-eslint's recommended rules over every workspace's TypeScript, eslint-plugin-vue
// over the UI's single-file components, and the structure rules that keep the layers and workspaces
// apart (docs/architecture.md explains the layers; a wrong-way import fails `npm test`).
import js from "@eslint/js";
import pluginVue from "eslint-plugin-vue";
import tseslint from "typescript-eslint";

// ---- structure ----------------------------------------------------------------------------------
// A relative import names the folder it enters (`../../adapters/x.js`), so "layer A may not import
// layer B" is a pattern on that folder name; folder names inside runtime/src are unique for that reason.
const into = (...folders) => `^\\.\\.?/(?:[^/]+/)*?(?:${folders.join("|")})/`;

/** Imports from one workspace into another go through the package name, never a relative path. */
const crossWorkspace = (self) => ({
  regex: `^(?:\\.\\./)+(?:${["runtime", "ui", "stacks", "policies", "testkit"].filter((w) => w !== self).join("|")})/`,
  message: "Import another workspace by its package name (@stellarr/runtime/contract, @stellarr/testkit/...), not by a relative path.",
});
const runtimeInternals = {
  group: ["@stellarr/runtime/internal/*", "@stellarr/runtime/build/*"],
  message: "Only @stellarr/testkit reaches into the runtime; other workspaces use @stellarr/runtime/contract.",
};
const noTestkit = {
  group: ["@stellarr/testkit", "@stellarr/testkit/*"],
  message: "Production code never imports test support.",
};

/**
 * runtime/src: each layer and the layers it must not import. Lower layers never import higher ones:
 * ports → (nothing) · contract, lib → ports · domain → contract, lib, ports (types) · app → domain ·
 * adapters → domain, lib, ports · http → app · config → contract, lib, ports · wiring → everything.
 */
const LAYERS = {
  ports: ["adapters", "app", "cli", "config", "contract", "domain", "entries", "http", "jobs", "lib", "wiring"],
  contract: ["adapters", "app", "cli", "config", "domain", "entries", "http", "jobs", "lib", "wiring"],
  lib: ["adapters", "app", "cli", "config", "contract", "domain", "entries", "http", "jobs", "wiring"],
  domain: ["adapters", "app", "cli", "config", "entries", "http", "jobs", "wiring"],
  app: ["adapters", "cli", "config", "entries", "http", "jobs", "wiring"],
  adapters: ["app", "cli", "config", "entries", "http", "jobs", "wiring"],
  http: ["adapters", "cli", "entries", "jobs", "wiring"],
  config: ["adapters", "app", "cli", "domain", "entries", "http", "jobs", "wiring"],
  jobs: ["adapters", "cli", "config", "entries", "http", "wiring"],
  cli: ["entries", "http"],
  entries: ["adapters", "app", "config", "domain", "http", "jobs"],
  wiring: [],
};
const WHY = {
  ports: "ports/ holds interfaces only: a port imports other ports and nothing else.",
  contract: "contract/ is what other workspaces (the UI among them) compile against: plain types, schemas and rules over ports types.",
  lib: "lib/ holds shared primitives under every layer.",
  domain: "domain/ is pure: no I/O, no adapters, no HTTP, no configuration, no use cases.",
  app: "app/ use cases take ports; the wiring chooses the adapters.",
  adapters: "adapters/ implement ports; they never reach up into HTTP, configuration or use cases.",
  http: "http/ routes parse, call app/ and shape; adapters come in through AppDeps.",
  config: "config/ reads and validates settings; it never builds adapters (the wiring does).",
  jobs: "jobs/ schedules use cases; adapters come in from the wiring.",
  cli: "cli/ is an entry: it parses arguments and calls its wiring.",
  entries: "entries/ only hand the process to a wiring module.",
  wiring: "",
};

const runtimeLayerRules = Object.entries(LAYERS).map(([layer, forbidden]) => ({
  files: [`runtime/src/${layer}/**/*.ts`],
  rules: {
    "@typescript-eslint/no-restricted-imports": [
      "error",
      {
        patterns: [
          ...(forbidden.length > 0 ? [{ regex: into(...forbidden), message: WHY[layer] }] : []),
          // The domain may name port types; calling a port is a use case's job (app/).
          ...(layer === "domain" ? [{ regex: into("ports"), allowTypeImports: true, message: WHY.domain }] : []),
          // What the UI type-checks against must not need Node.
          ...(layer === "ports" || layer === "contract" ? [{ group: ["node:*"], message: WHY[layer] }] : []),
          { regex: into("test", "bench"), message: "Production code never imports tests or benchmarks." },
          noTestkit,
          runtimeInternals,
          crossWorkspace("runtime"),
        ],
      },
    ],
  },
}));

const workspaceRules = (files, ...patterns) => ({
  files,
  rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns }] },
});

export default tseslint.config(
  { ignores: [".tmp/**", "**/node_modules/**", "**/dist/**", "**/coverage/**", "ui/e2e/screenshots/**", "ui/public/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs["flat/essential"],
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", Buffer: "readonly", URL: "readonly" } },
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "no-empty": ["error", { allowEmptyCatch: true }],
      "no-control-regex": "off",
    },
  },
  {
    files: ["**/*.vue"],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: [".vue"], sourceType: "module" } },
    // vue-tsc checks names in components (as for .ts files, where typescript-eslint turns no-undef off).
    rules: { "no-undef": "off" },
  },

  // Outside runtime/src: cross-workspace imports by package name only; production code never imports test support.
  workspaceRules(["runtime/test/**/*.ts", "runtime/bench/**/*.ts", "runtime/build/**/*.ts"], crossWorkspace("runtime"), runtimeInternals),
  workspaceRules(["testkit/**/*.ts"], crossWorkspace("testkit")),
  ...[
    { workspace: "stacks", production: ["index.ts", "settings.ts", "aws/**/*.ts", "docker/**/*.ts", "components/**/*.ts"] },
    { workspace: "policies", production: ["index.ts", "policies.ts", "aws/**/*.ts", "docker/**/*.ts", "lib/**/*.ts"] },
  ].flatMap(({ workspace, production }) => [
    workspaceRules([`${workspace}/**/*.ts`], crossWorkspace(workspace), runtimeInternals),
    workspaceRules(
      production.map((p) => `${workspace}/${p}`),
      crossWorkspace(workspace),
      runtimeInternals,
      noTestkit,
    ),
  ]),
  workspaceRules(["ui/**/*.ts", "ui/**/*.vue"], crossWorkspace("ui"), runtimeInternals),
  workspaceRules(
    ["ui/src/**/*.ts", "ui/src/**/*.vue"],
    crossWorkspace("ui"),
    runtimeInternals,
    noTestkit,
    // Types only: no server code may land in the UI bundle.
    {
      group: ["@stellarr/runtime/contract"],
      allowTypeImports: true,
      message: "The UI imports only types from @stellarr/runtime/contract.",
    },
  ),
  ...runtimeLayerRules,
);
