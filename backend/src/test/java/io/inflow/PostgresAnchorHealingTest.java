package io.inflow;

import io.inflow.testing.Databases;

class PostgresAnchorHealingTest extends AnchorHealingContract {
    @Override
    String databaseUrl() {
        return Databases.postgresql();
    }
}
