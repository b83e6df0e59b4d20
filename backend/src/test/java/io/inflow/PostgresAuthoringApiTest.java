package io.inflow;

import io.inflow.testing.Databases;

class PostgresAuthoringApiTest extends AuthoringApiContract {
    @Override
    String databaseUrl() {
        return Databases.postgresql();
    }
}
