package io.strata.contract.database;

import java.util.List;

/** Engine ids Strata knows. */
public final class Engines {
    private Engines() {
    }

    public static final String POSTGRES = "postgres";
    public static final String MARIADB = "mariadb";
    public static final String SQLITE = "sqlite";
    public static final List<String> ALL = List.of(POSTGRES, MARIADB, SQLITE);
}
