package io.inflow;

import io.inflow.testing.Databases;

class PostgresApiTest extends ApiContract {
    @Override
    String databaseUrl() {
        return Databases.postgresql();
    }
}
