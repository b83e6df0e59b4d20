package io.inflow;

import io.inflow.testing.Databases;

class SqliteApiTest extends AuthoringApiContract {
    @Override
    String databaseUrl() {
        return Databases.sqlite();
    }
}
