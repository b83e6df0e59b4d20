package io.inflow.export;

import io.inflow.testing.Databases;

class PostgresEventExportTest extends EventExportContract {
    @Override
    String databaseUrl() {
        return Databases.postgresql();
    }
}
