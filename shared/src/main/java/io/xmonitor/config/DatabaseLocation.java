package io.xmonitor.config;

import java.util.Optional;

/**
 * Where the database is, for a database secret that does not say: the secret RDS manages for a
 * master user holds only {@code username} and {@code password}, and one made in the console often
 * has no {@code dbname}. A deployed stack sets these from the template's {@code DatabaseHost},
 * {@code DatabasePort} and {@code DatabaseName}; each is empty when not given.
 */
public record DatabaseLocation(Optional<String> host, Optional<Integer> port, Optional<String> name) {

    public static final DatabaseLocation NOT_GIVEN = new DatabaseLocation(Optional.empty(), Optional.empty(), Optional.empty());
}
