package io.inflow.analytics;

import io.inflow.testing.Databases;

class PostgresRollupTest extends RollupContract {
    @Override
    String databaseUrl() {
        return Databases.postgresql();
    }
}
