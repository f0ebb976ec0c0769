package io.strata.platform.store;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class ModuleSchemaTest {

    @Test
    void migrationsLiveUnderTheModulesFolderWithAHistoryTableOfTheirOwn() {
        ModuleSchema schema = new ModuleSchema("query");
        assertThat(schema.location()).isEqualTo("classpath:db/query");
        assertThat(schema.historyTable()).isEqualTo("flyway_history_query");
    }

    @Test
    void aHyphenatedModuleGetsAValidTableName() {
        ModuleSchema schema = new ModuleSchema("provisioner-saga");
        assertThat(schema.location()).isEqualTo("classpath:db/provisioner-saga");
        assertThat(schema.historyTable()).isEqualTo("flyway_history_provisioner_saga").matches("[a-z_]+");
    }

    @Test
    void thePlatformSchemaPointsAtItsMigrations() {
        ModuleSchema platform = new PlatformSchema().platformModuleSchema();
        assertThat(platform).isEqualTo(new ModuleSchema("platform"));
        assertThat(new DefaultResourceLoader().getResource(platform.location() + "/V1__event_store.sql").exists())
                .isTrue();
    }
}
