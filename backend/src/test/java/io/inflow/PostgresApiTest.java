package io.inflow;

import io.inflow.testing.Databases;

class PostgresApiTest extends AuthoringApiContract {
    @Override
    String databaseUrl() {
        return Databases.postgresql();
    }
}
