// Minimal typing for the Workers runtime module used by the Astro endpoint (we do not pull in
// @cloudflare/workers-types for one import). `env` holds the Worker's bindings, vars and secrets.
declare module 'cloudflare:workers' {
  export const env: Record<string, unknown>;
}

// TCP sockets (the digest's SMTP client): https://developers.cloudflare.com/workers/runtime-apis/tcp-sockets/
declare module 'cloudflare:sockets' {
  export type Socket = {
    readable: ReadableStream<Uint8Array>;
    writable: WritableStream<Uint8Array>;
    opened: Promise<unknown>;
    closed: Promise<void>;
    close: () => Promise<void>;
    startTls: () => Socket;
  };
  export function connect(
    address: { hostname: string; port: number },
    options?: { secureTransport?: 'off' | 'on' | 'starttls'; allowHalfOpen?: boolean },
  ): Socket;
}

// Module imports the Worker's bundler turns into values (functions/worker-entry.ts): a compiled
// WebAssembly module and raw bytes.
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
declare module '*.bin' {
  const bytes: ArrayBuffer;
  export default bytes;
}
