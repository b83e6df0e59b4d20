package io.inflow.export;

import io.inflow.testing.Databases;

class SqliteEventExportTest extends EventExportContract {
    @Override
    String databaseUrl() {
        return Databases.sqlite();
    }
}
