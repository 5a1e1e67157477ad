/**
 * The issuer, through oidc-client-ts: authorization code with PKCE, the refresh grant for
 * renewal, end session for sign-out. Loaded on demand, only when /config.json names an issuer.
 *
 * Tokens stay in memory (a reload signs in again); only the short-lived request state of a
 * sign-in in progress (PKCE verifier, nonce, the path to go back to) is kept in sessionStorage,
 * because it has to outlive the redirect to the issuer.
 */
import { InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { OidcConfig } from '../api/client';
import type { IssuerClient, SessionUser, SignInState } from './controller';
import { CALLBACK_PATH, type ProfileClaims } from './logic';

export const DEFAULT_SCOPE = 'openid profile email';

function sessionUser(user: User): SessionUser {
  return { accessToken: user.access_token, expiresAt: user.expires_at, profile: user.profile as ProfileClaims };
}

export function createIssuerClient(oidc: OidcConfig, origin: string = window.location.origin): IssuerClient {
  const manager = new UserManager({
    authority: oidc.issuer,
    client_id: oidc.client_id,
    scope: oidc.scope || DEFAULT_SCOPE,
    response_type: 'code',
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    // Renewal uses the refresh token; only an issuer that gives none is asked in a hidden frame.
    silent_redirect_uri: `${origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}/`,
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

  return {
    async completeSignIn(url) {
      const user = await manager.signinCallback(url);
      if (!user) return null;
      const state = user.state as Partial<SignInState> | undefined;
      return { user: sessionUser(user), returnTo: state?.returnTo ?? '/' };
    },

    beginSignIn(returnTo) {
      const state: SignInState = { returnTo };
      return manager.signinRedirect({ state });
    },

    async renew() {
      const user = await manager.signinSilent();
      if (!user) throw new Error('The sign-in service gave no tokens');
      return sessionUser(user);
    },

    async signOut() {
      const user = await manager.getUser();
      const metadata = await manager.metadataService.getMetadata().catch(() => null);
      // The refresh token dies with the page anyway; revoking it as well is a courtesy, not a condition.
      if (user?.refresh_token && metadata?.revocation_endpoint) {
        await Promise.race([manager.revokeTokens(['refresh_token']), new Promise((r) => setTimeout(r, 2000))]).catch(() => undefined);
      }
      if (oidc.logout_url) {
        // An issuer without end_session_endpoint (Cognito): its own logout address, complete.
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
