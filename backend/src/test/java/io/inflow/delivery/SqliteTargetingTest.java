package io.inflow.delivery;

import io.inflow.testing.Databases;

class SqliteTargetingTest extends TargetingContract {
    @Override
    String databaseUrl() {
        return Databases.sqlite();
    }
}
