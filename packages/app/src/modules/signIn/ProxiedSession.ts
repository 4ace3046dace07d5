import {
  BackstageUserIdentity,
  DiscoveryApi,
  IdentityApi,
  ProfileInfo,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { forgetChoice, SignInChoice } from './signInChoice';

/** The header naming the sandbox user (see the backend's sandboxUsersAuth module). */
export const SANDBOX_USER_HEADER = 'x-nt-sandbox-user';

// Refresh this long before the token expires, so calls never carry a stale one.
const expiryMarginMs = 60_000;
const fallbackLifetimeMs = 5 * 60_000;

type Session = {
  profile: ProfileInfo;
  identity: BackstageUserIdentity;
  token: string;
  expiresAt: number;
};

type RefreshResponse = {
  profile?: ProfileInfo;
  backstageIdentity?: { token?: string; identity?: BackstageUserIdentity };
};

/**
 * A session from a proxy-type auth provider (guest or sandbox-users): the
 * backend's `/refresh` issues a Backstage token for the chosen identity,
 * fetched again shortly before it expires.
 */
export class ProxiedSession implements IdentityApi {
  static async start(
    choice: SignInChoice,
    discovery: DiscoveryApi,
  ): Promise<ProxiedSession> {
    const session = new ProxiedSession(choice, discovery);
    session.current = await session.fetchSession();
    return session;
  }

  private current?: Session;
  private pending?: Promise<Session>;
  private readonly abort = new AbortController();

  private constructor(
    private readonly choice: SignInChoice,
    private readonly discovery: DiscoveryApi,
  ) {}

  getUserId(): string {
    const ref = this.sync().identity.userEntityRef;
    return ref.slice(ref.lastIndexOf('/') + 1);
  }

  async getIdToken(): Promise<string | undefined> {
    return (await this.fresh()).token;
  }

  getProfile(): ProfileInfo {
    return this.sync().profile;
  }

  async getProfileInfo(): Promise<ProfileInfo> {
    return (await this.fresh()).profile;
  }

  async getBackstageIdentity(): Promise<BackstageUserIdentity> {
    return (await this.fresh()).identity;
  }

  async getCredentials(): Promise<{ token?: string }> {
    return { token: (await this.fresh()).token };
  }

  async signOut(): Promise<void> {
    this.abort.abort();
    forgetChoice();
  }

  private sync(): Session {
    if (!this.current) {
      throw new Error('Not signed in: reload the page');
    }
    return this.current;
  }

  private async fresh(): Promise<Session> {
    if (this.current && Date.now() < this.current.expiresAt) {
      return this.current;
    }
    if (!this.pending) {
      this.pending = this.fetchSession().finally(() => {
        this.pending = undefined;
      });
    }
    this.current = await this.pending;
    return this.current;
  }

  private async fetchSession(): Promise<Session> {
    const baseUrl = await this.discovery.getBaseUrl('auth');
    const headers = new Headers({ 'X-Requested-With': 'XMLHttpRequest' });
    if (this.choice.provider === 'sandbox-users') {
      headers.set(SANDBOX_USER_HEADER, this.choice.user);
    }
    const response = await fetch(`${baseUrl}/${this.choice.provider}/refresh`, {
      headers,
      credentials: 'include',
      signal: this.abort.signal,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const body = (await response.json()) as RefreshResponse;
    const token = body.backstageIdentity?.token;
    const identity = body.backstageIdentity?.identity;
    if (!token || !identity) {
      throw new Error('The auth backend answered without a Backstage identity');
    }
    return {
      profile: body.profile ?? {},
      identity,
      token,
      expiresAt: expiryOf(token),
    };
  }
}

/** When to refresh: the token's `exp` claim less a margin. */
function expiryOf(token: string): number {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const { exp } = JSON.parse(window.atob(payload));
    if (typeof exp === 'number') {
      return exp * 1000 - expiryMarginMs;
    }
  } catch {
    // Not a JWT we can read: fall back to a short lifetime.
  }
  return Date.now() + fallbackLifetimeMs;
}
