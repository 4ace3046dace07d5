import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { KubeConfig, User } from '@kubernetes/client-node';

/** client-node's authenticator plug-in contract (not exported by name). */
type Authenticator = Parameters<KubeConfig['addAuthenticator']>[0];

/** The Azure Kubernetes Service AAD server application, the audience of AKS tokens. */
export const AKS_TOKEN_SCOPE = '6dae42f8-4368-4678-94ff-3960e28e3630/.default';

/**
 * The `authProvider.name` of kubeconfig users this authenticator serves.
 * Not `azure`: client-node's built-in authenticator of that name shells out
 * to the az CLI, which the backend container does not have.
 */
export const AKS_AUTH_PROVIDER = 'nt-infra-aks';

/** Refresh this long before expiry, so no request carries a token that dies in flight. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Puts an Entra ID bearer token for AKS on every Kubernetes API request.
 * One instance serves every cluster (same credential, same scope), so the
 * clusters share one token and one refresh.
 */
export class AksTokenAuthenticator implements Authenticator {
  private token?: AccessToken;
  private pending?: Promise<AccessToken>;

  constructor(
    private readonly credential: TokenCredential,
    private readonly now: () => number = Date.now,
  ) {}

  isAuthProvider(user: User): boolean {
    return user.authProvider?.name === AKS_AUTH_PROVIDER;
  }

  async applyAuthentication(
    _user: User,
    opts: { headers?: unknown },
  ): Promise<void> {
    const token = await this.currentToken();
    // KubeConfig creates `opts.headers` as a plain object before calling us.
    const headers = (opts.headers ?? {}) as Record<string, string>;
    headers.Authorization = `Bearer ${token.token}`;
    opts.headers = headers;
  }

  private async currentToken(): Promise<AccessToken> {
    if (this.token && !this.needsRefresh(this.token)) {
      return this.token;
    }
    // Concurrent requests share one token request.
    if (!this.pending) {
      this.pending = this.fetchToken().finally(() => {
        this.pending = undefined;
      });
    }
    return this.pending;
  }

  private needsRefresh(token: AccessToken): boolean {
    const refreshAt = Math.min(
      token.refreshAfterTimestamp ?? Infinity,
      token.expiresOnTimestamp - REFRESH_MARGIN_MS,
    );
    return this.now() >= refreshAt;
  }

  private async fetchToken(): Promise<AccessToken> {
    const token = await this.credential.getToken(AKS_TOKEN_SCOPE);
    if (!token) {
      throw new Error(
        `Azure credential returned no token for scope ${AKS_TOKEN_SCOPE}`,
      );
    }
    this.token = token;
    return token;
  }
}
