package io.strata.platform.store;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresDuplicateKeyResolverTest {
    private final PostgresDuplicateKeyResolver resolver = new PostgresDuplicateKeyResolver();

    private static SQLException sql(String state) {
        return new SQLException("duplicate key value violates unique constraint", state);
    }

    @Test
    void uniqueViolationItselfIsADuplicateKey() {
        assertThat(resolver.isDuplicateKeyViolation(sql("23505"))).isTrue();
    }

    @Test
    void uniqueViolationDeepInTheCauseChainIsADuplicateKey() {
        Exception wrapped = new RuntimeException("axon",
                new IllegalStateException("spring", new SQLException("batch failed", "08000", sql("23505"))));
        assertThat(resolver.isDuplicateKeyViolation(wrapped)).isTrue();
    }

    @Test
    void otherSqlStatesAreNot() {
        assertThat(resolver.isDuplicateKeyViolation(sql("23503"))).isFalse(); // foreign key
        assertThat(resolver.isDuplicateKeyViolation(sql("40001"))).isFalse(); // serialization failure
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("no state"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(
                new SQLIntegrityConstraintViolationException("not null", "23502"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("x", sql("23503")))).isFalse();
    }

    @Test
    void exceptionsWithoutSqlCauseAreNot() {
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("23505"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("x", new RuntimeException("23505"))))
                .isFalse();
        assertThat(resolver.isDuplicateKeyViolation(null)).isFalse();
    }
}
