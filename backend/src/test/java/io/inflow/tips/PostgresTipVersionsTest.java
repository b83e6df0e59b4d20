package io.inflow.tips;

import io.inflow.testing.Databases;

class PostgresTipVersionsTest extends TipVersionsContract {
    @Override
    String databaseUrl() {
        return Databases.postgresql();
    }
}
