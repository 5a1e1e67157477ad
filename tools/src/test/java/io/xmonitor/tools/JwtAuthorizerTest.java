package io.xmonitor.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.xmonitor.tools.local.JwtAuthorizer;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local authorizer's rule, token by generated token: allowed exactly when API Gateway's JWT
 * authorizer allows — RS256 with the issuer's key, the issuer's iss, an accepted aud (or, with no
 * aud, client_id), exp ahead and nbf and iat behind.
 */
class JwtAuthorizerTest {

    private static final String ISSUER = "https://issuer.example.com/pool";
    private static final String CLIENT = "dashboard-client";
    private static final List<JWSAlgorithm> RSA_FAMILY = List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);
    /** Seconds from now, well clear of the second the check runs in. */
    private static final List<Long> OFFSETS = List.of(-7200L, -90L, 90L, 7200L);

    private static RSAKey key;
    private static RSAKey otherKey;
    private static JwtAuthorizer authorizer;

    /** How a token names its client: an accepted aud, another aud, no aud with client_id (Cognito), or no aud with another client_id. */
    enum Audience { AUD, OTHER_AUD, CLIENT_ID, OTHER_CLIENT_ID, AUD_OTHER_BUT_CLIENT_ID }

    @BeforeAll
    static void keys() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("issuer-key").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("issuer-key").generate();
        authorizer = JwtAuthorizer.withKeys(ISSUER, Set.of(CLIENT), new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())));
    }

    @Test
    void aTokenIsAllowedExactlyWhenApiGatewaysRuleAllowsIt() {
        int times = OFFSETS.size() * OFFSETS.size() * (OFFSETS.size() + 1);
        qt().withExamples(400).forAll(integers().between(0, RSA_FAMILY.size() - 1), integers().between(0, Audience.values().length - 1),
                        integers().between(0, times - 1))
                .checkAssert((algorithm, audience, time) -> {
                    JWSAlgorithm alg = RSA_FAMILY.get(algorithm);
                    Audience shape = Audience.values()[audience];
                    long expOffset = OFFSETS.get(time % OFFSETS.size());
                    long nbfOffset = OFFSETS.get(time / OFFSETS.size() % OFFSETS.size());
                    int iat = time / (OFFSETS.size() * OFFSETS.size());
                    Long iatOffset = iat == OFFSETS.size() ? null : OFFSETS.get(iat);
                    String token = sign(alg, key, claims(shape, expOffset, nbfOffset, iatOffset).build());
                    boolean expected = alg.equals(JWSAlgorithm.RS256)
                            && (shape == Audience.AUD || shape == Audience.CLIENT_ID)
                            && expOffset > 0 && nbfOffset < 0 && (iatOffset == null || iatOffset < 0);
                    assertThat(authorizer.authorize("Bearer " + token))
                            .as("%s %s exp %+d nbf %+d iat %s", alg, shape, expOffset, nbfOffset, iatOffset)
                            .isInstanceOf(expected ? JwtAuthorizer.Decision.Allowed.class : JwtAuthorizer.Decision.Denied.class);
                });
    }

    @Test
    void eachRefusalSaysWhy() throws Exception {
        assertDenied(sign(JWSAlgorithm.RS384, key, claims(Audience.AUD, 600, -60, -60L).build()), "algorithm");
        assertDenied(sign(JWSAlgorithm.RS256, key, claims(Audience.AUD, 600, -60, 60L).build()), "iat is in the future");
        assertDenied(sign(JWSAlgorithm.RS256, key, claims(Audience.OTHER_CLIENT_ID, 600, -60, -60L).build()), "another audience");
        assertDenied(sign(JWSAlgorithm.RS256, key, claims(Audience.AUD, -60, -600, -600L).build()), "Expired");
        assertDenied(sign(JWSAlgorithm.RS256, otherKey, claims(Audience.AUD, 600, -60, -60L).build()), "signature");
        assertDenied(sign(JWSAlgorithm.RS256, key, claims(Audience.AUD, 600, -60, -60L).issuer(ISSUER + "2").build()), "iss");
    }

    @Test
    void anHmacTokenMadeWithThePublicKeyIsRefused() throws Exception {
        // The classic confusion: HS256 "signed" with the RSA public key as the shared secret.
        byte[] publicKey = key.toPublicKey().getEncoded();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims(Audience.AUD, 600, -60, -60L).build());
        forged.sign(new MACSigner(publicKey));
        assertDenied(forged.serialize(), "algorithm");
    }

    @Test
    void theHeaderMayCarryTheTokenWithOrWithoutBearer() throws Exception {
        String token = sign(JWSAlgorithm.RS256, key, claims(Audience.CLIENT_ID, 600, -60, -60L).build());
        assertThat(authorizer.authorize(token)).isInstanceOf(JwtAuthorizer.Decision.Allowed.class);
        assertThat(authorizer.authorize("bearer  " + token)).isInstanceOf(JwtAuthorizer.Decision.Allowed.class);
        assertThat(authorizer.authorize(null)).isInstanceOf(JwtAuthorizer.Decision.Denied.class);
    }

    private static void assertDenied(String token, String reason) {
        assertThat(authorizer.authorize(token)).isInstanceOfSatisfying(JwtAuthorizer.Decision.Denied.class,
                denied -> assertThat(denied.reason()).containsIgnoringCase(reason));
    }

    private static JWTClaimsSet.Builder claims(Audience audience, long expOffset, long nbfOffset, Long iatOffset) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("reader")
                .expirationTime(Date.from(now.plusSeconds(expOffset))).notBeforeTime(Date.from(now.plusSeconds(nbfOffset)));
        if (iatOffset != null) {
            claims.issueTime(Date.from(now.plusSeconds(iatOffset)));
        }
        return switch (audience) {
            case AUD -> claims.audience(CLIENT);
            case OTHER_AUD -> claims.audience("another-app");
            case CLIENT_ID -> claims.claim("client_id", CLIENT);
            case OTHER_CLIENT_ID -> claims.claim("client_id", "another-app");
            // API Gateway looks at client_id only when there is no aud.
            case AUD_OTHER_BUT_CLIENT_ID -> claims.audience("another-app").claim("client_id", CLIENT);
        };
    }

    private static String sign(JWSAlgorithm algorithm, RSAKey signingKey, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(signingKey.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
