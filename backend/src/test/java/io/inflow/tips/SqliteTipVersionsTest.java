package io.inflow.tips;

import io.inflow.testing.Databases;

class SqliteTipVersionsTest extends TipVersionsContract {
    @Override
    String databaseUrl() {
        return Databases.sqlite();
    }
}
