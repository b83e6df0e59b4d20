package io.inflow.analytics;

import io.inflow.testing.Databases;

class SqliteRollupTest extends RollupContract {
    @Override
    String databaseUrl() {
        return Databases.sqlite();
    }
}
