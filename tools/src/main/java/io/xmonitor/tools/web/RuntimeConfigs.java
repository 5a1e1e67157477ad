package io.xmonitor.tools.web;

import io.xmonitor.tools.local.DashboardSite;
import io.xmonitor.tools.stack.StackOutputs;

/** A stage's runtime config for the dashboard, from its stack's outputs. */
final class RuntimeConfigs {

    private RuntimeConfigs() {
    }

    /**
     * The API is on the dashboard's own origin (CloudFront routes /v1), so its base is empty; the
     * sign-in outputs exist only when the stack's reads need a JWT.
     */
    static DashboardSite.RuntimeConfig fromStack(StackOutputs outputs) {
        DashboardSite.RuntimeConfig.Oidc oidc = outputs.optional("SignInIssuer")
                .map(issuer -> new DashboardSite.RuntimeConfig.Oidc(issuer, outputs.require("SignInClientId"), DashboardSite.RuntimeConfig.Oidc.SCOPE,
                        outputs.optional("SignInLogoutUrl").orElse(null), outputs.optional("SignInRevocationUrl").orElse(null)))
                .orElse(null);
        return new DashboardSite.RuntimeConfig("", oidc);
    }
}
