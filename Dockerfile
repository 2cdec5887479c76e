# syntax=docker/dockerfile:1
# Stellarr runtime image: the embedded server (SQLite in /data, in-process daily warmer) serving
# the API and the built SPA. Used by the local Pulumi stack, and on its own:
#   docker build -t stellarr .
#   docker run -d --name stellarr -p 8080:8080 -v stellarr-data:/data stellarr
# Secrets are never baked in: pass them at run time (-e / --env-file) or let the runtime generate
# them into /data on first start (`docker logs stellarr` shows the generated password once).
ARG NODE_IMAGE=node:22-bookworm-slim

# 1. Build the SPA (needs dev dependencies).
FROM ${NODE_IMAGE} AS ui
WORKDIR /src
COPY package.json package-lock.json tsconfig.base.json ./
COPY runtime/package.json runtime/
COPY ui/package.json ui/
COPY stacks/package.json stacks/
COPY policies/package.json policies/
COPY testkit/package.json testkit/
RUN npm ci --no-audit --no-fund --ignore-scripts --workspace ui --include-workspace-root
COPY ui ui
RUN npm run build -w ui

# 2. Bundle the embedded server into runtime/dist/node/server.mjs (esbuild and tsx are dev
#    dependencies: they stay in this stage; the image runs plain JavaScript).
FROM ${NODE_IMAGE} AS bundle
WORKDIR /src
COPY package.json package-lock.json tsconfig.base.json ./
COPY runtime/package.json runtime/
COPY ui/package.json ui/
COPY stacks/package.json stacks/
COPY policies/package.json policies/
COPY testkit/package.json testkit/
RUN npm ci --no-audit --no-fund --ignore-scripts --workspace runtime --include-workspace-root
COPY runtime/build runtime/build
COPY runtime/src runtime/src
RUN node --import tsx runtime/build/node-bundle.ts

# 3. Production dependencies of the runtime only (better-sqlite3 may compile: build tools here,
#    not in the final image). Its native addon and web-push load from here at run time.
FROM ${NODE_IMAGE} AS deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY runtime/package.json runtime/
COPY ui/package.json ui/
COPY stacks/package.json stacks/
COPY policies/package.json policies/
COPY testkit/package.json testkit/
RUN npm ci --omit=dev --no-audit --no-fund --workspace runtime \
 && npm cache clean --force

# 4. The runtime image: same layout as the repository (/app/runtime/dist/node, /app/ui/dist), no
#    TypeScript sources and no TypeScript tooling. The bundle's source map is there for
#    `-e NODE_OPTIONS=--enable-source-maps` (stack traces naming the .ts files; off by default: it
#    costs 10-15 ms at every start and ~60 ms of CPU at the first stack trace).
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules node_modules
COPY package.json ./
COPY runtime/package.json runtime/
COPY --from=bundle /src/runtime/dist/node runtime/dist/node
COPY --from=ui /src/ui/dist ui/dist
# The code stays root-owned and read-only for the app user; only /data is writable.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
STOPSIGNAL SIGTERM
# No curl in the image: Node's own fetch checks readiness (the store answers).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/api/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "runtime/dist/node/server.mjs"]
