// Minimal typing for the Workers runtime module used by the Astro endpoint (we do not pull in
// @cloudflare/workers-types for one import). `env` holds the Worker's bindings, vars and secrets.
declare module 'cloudflare:workers' {
  export const env: Record<string, unknown>;
}
