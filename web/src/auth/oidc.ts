/**
 * The issuer, through oidc-client-ts: authorization code with PKCE and a nonce (the ID token must
 * carry it back), the refresh grant for renewal, revocation and end session for sign-out. Loaded
 * on demand, only when /config.json names an issuer.
 *
 * Tokens stay in memory (a reload signs in again); only the short-lived request state of a
 * sign-in in progress (PKCE verifier, nonce, the path to go back to) is kept in sessionStorage,
 * because it has to outlive the redirect to the issuer. Renewal is the refresh grant only: the
 * dashboard never runs inside a frame (its Content-Security-Policy forbids one), so an issuer that
 * gives no refresh token means a sign-in round trip, without a form while its session lasts.
 */
import { InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { OidcConfig } from '../api/client';
import type { IssuerClient, SessionUser, SignInState } from './controller';
import { CALLBACK_PATH } from './logic';

export const DEFAULT_SCOPE = 'openid profile email';

function sessionUser(user: User): SessionUser {
  return { accessToken: user.access_token, expiresAt: user.expires_at, profile: user.profile };
}

/** 256 random bits, base64url: what the ID token of this sign-in has to name. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function createIssuerClient(oidc: OidcConfig, origin: string = window.location.origin): IssuerClient {
  const manager = new UserManager({
    authority: oidc.issuer,
    client_id: oidc.client_id,
    scope: oidc.scope || DEFAULT_SCOPE,
    response_type: 'code',
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}/`,
    // What the discovery document leaves out (Cognito's revocation endpoint) comes from the config.
    metadataSeed: oidc.revocation_url ? { revocation_endpoint: oidc.revocation_url } : undefined,
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage, prefix: 'xmonitor.oidc.' }),
    // The controller renews on its own schedule (a part of each token's lifetime, see renewDelayMs).
    automaticSilentRenew: false,
    monitorSession: false,
    loadUserInfo: false,
    silentRequestTimeoutInSeconds: 10,
    revokeTokenTypes: ['refresh_token'],
  });
  void manager.clearStaleState().catch(() => undefined);

  /**
   * Revokes the refresh token where the issuer has a revocation endpoint (Cognito, the local
   * issuer), so that it cannot be used again whoever holds it; waits at most two seconds for it.
   * The access token lives on until it expires: API Gateway checks signatures, not revocation.
   */
  async function revokeRefreshToken() {
    const user = await manager.getUser();
    const metadata = await manager.metadataService.getMetadata().catch(() => null);
    if (user?.refresh_token && metadata?.revocation_endpoint) {
      await Promise.race([manager.revokeTokens(['refresh_token']), new Promise((r) => setTimeout(r, 2000))]).catch(() => undefined);
    }
    return user;
  }

  return {
    async completeSignIn(url) {
      const user = await manager.signinCallback(url);
      if (!user) throw new Error('The sign-in service sent no tokens');
      const state = user.state as Partial<SignInState> | undefined;
      return { user: sessionUser(user), returnTo: state?.returnTo ?? '/' };
    },

    beginSignIn(returnTo) {
      const state: SignInState = { returnTo };
      return manager.signinRedirect({ state, nonce: newNonce() });
    },

    async renew() {
      const user = await manager.signinSilent();
      if (!user) throw new Error('The sign-in service gave no tokens');
      return sessionUser(user);
    },

    async forget() {
      await revokeRefreshToken();
      await manager.removeUser();
    },

    async signOut() {
      const user = await revokeRefreshToken();
      const metadata = await manager.metadataService.getMetadata().catch(() => null);
      if (oidc.logout_url) {
        // Cognito's end-session endpoint wants client_id and logout_uri: its complete address.
        await manager.removeUser();
        window.location.assign(oidc.logout_url);
        return;
      }
      if (!metadata?.end_session_endpoint) {
        await manager.removeUser();
        window.location.assign('/');
        return;
      }
      return manager.signoutRedirect({ id_token_hint: user?.id_token });
    },
  };
}
