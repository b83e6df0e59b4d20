package io.inflow.delivery;

import io.inflow.testing.Databases;

class PostgresTargetingTest extends TargetingContract {
    @Override
    String databaseUrl() {
        return Databases.postgresql();
    }
}
