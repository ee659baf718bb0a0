/** The server's settings, from the environment (docs/sync-server.md lists them). */
export interface ServerConfig {
  host: string;
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Bytes of one request body. */
  maxBodyBytes: number;
  /** Requests per second and burst, per key and (times four) per client address. */
  rateLimit: { rate: number; burst: number };
  /** Open live streams per key. */
  maxStreamsPerKey: number;
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  /** Origins of the app allowed to call the server from a browser (CORS), e.g. https://ankerpunkt.agentur.intern. */
  corsOrigins: string[];
}

const number = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
};

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    host: env.HOST || '127.0.0.1',
    port: number(env.PORT, 8787),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.ANKERPUNKT_SERVER_DATA || './.ankerpunkt-server',
    maxBodyBytes: number(env.ANKERPUNKT_MAX_BODY_BYTES, 1024 * 1024),
    rateLimit: { rate: number(env.ANKERPUNKT_RATE_PER_SECOND, 20), burst: number(env.ANKERPUNKT_RATE_BURST, 60) },
    maxStreamsPerKey: number(env.ANKERPUNKT_MAX_STREAMS_PER_KEY, 8),
    trustProxy: env.ANKERPUNKT_TRUST_PROXY === '1',
    corsOrigins: (env.ANKERPUNKT_CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
  };
}
