package io.inflow;

import io.inflow.testing.Databases;

class SqliteAuthoringApiTest extends AuthoringApiContract {
    @Override
    String databaseUrl() {
        return Databases.sqlite();
    }
}
