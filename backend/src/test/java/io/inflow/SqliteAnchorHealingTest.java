package io.inflow;

import io.inflow.testing.Databases;

class SqliteAnchorHealingTest extends AnchorHealingContract {
    @Override
    String databaseUrl() {
        return Databases.sqlite();
    }
}
