import fs from 'node:fs';
import tls from 'node:tls';
import type { PipelinePolicy, TlsSettings } from '@azure/core-rest-pipeline';

/**
 * The extra CAs of `ntInfra.azure.caFiles`, read lazily and again whenever a
 * file changes: the sandbox generates a new CA at every start, and a backend
 * that outlives a sandbox restart should not need a restart of its own. A
 * missing file fails the request (the caller shows `unavailable`) instead of
 * the backend's startup.
 */
export class CaBundle {
  private cached?: { key: string; settings: TlsSettings };

  constructor(private readonly files: string[]) {}

  /**
   * Returns the same object while the files are unchanged: core-rest-pipeline
   * keeps one https agent per TlsSettings object, so a fresh object per
   * request would cost a new agent and TLS handshake per request.
   */
  tlsSettings(): TlsSettings | undefined {
    if (this.files.length === 0) return undefined;
    const key = this.files.map(file => `${file}@${mtimeOf(file)}`).join('|');
    if (this.cached?.key !== key) {
      // `ca` replaces Node's trust store, so keep the public roots: these CAs
      // are extra (a corporate proxy must not make Azure's own CA untrusted).
      const ca = [...tls.rootCertificates, ...this.files.map(readPem)];
      this.cached = { key, settings: { ca } };
    }
    return this.cached.settings;
  }
}

function mtimeOf(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch (error) {
    throw caFileError(file, error);
  }
}

function readPem(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw caFileError(file, error);
  }
}

function caFileError(file: string, error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(
    `Cannot read CA file '${file}' (ntInfra.azure.caFiles): ${reason}`,
  );
}

/**
 * Trusts the bundle's CAs for every request of one client. Per call rather
 * than per retry: the settings do not change between attempts.
 */
export function trustedCaPolicy(bundle: CaBundle): PipelinePolicy {
  return {
    name: 'ntInfraTrustedCa',
    sendRequest(request, next) {
      const settings = bundle.tlsSettings();
      if (settings) request.tlsSettings = settings;
      return next(request);
    },
  };
}
