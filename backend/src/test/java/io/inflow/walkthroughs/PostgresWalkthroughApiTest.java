package io.inflow.walkthroughs;

import io.inflow.testing.Databases;

class PostgresWalkthroughApiTest extends WalkthroughApiContract {
    @Override
    String databaseUrl() {
        return Databases.postgresql();
    }
}
