package io.xmonitor.secrets;

/** Where the database is and how to log in. The password never appears in {@link #toString()}. */
public record DatabaseCredentials(String jdbcUrl, String username, String password) {

    @Override
    public String toString() {
        return "DatabaseCredentials[jdbcUrl=" + jdbcUrl + ", username=" + username + ", password=***]";
    }
}
