package io.inflow;

import io.inflow.testing.Databases;

class SqliteApiTest extends ApiContract {
    @Override
    String databaseUrl() {
        return Databases.sqlite();
    }
}
