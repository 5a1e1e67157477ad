package io.xmonitor.secrets;

/** Supplies the current secrets; implementations may cache, so callers ask on every use. */
public interface SecretSource {

    AppSecrets current();
}
