package io.inflow.walkthroughs;

import io.inflow.testing.Databases;

class PostgresWalkthroughApiTest extends WalkthroughApiContract {
    @Override
    protected String databaseUrl() {
        return Databases.postgresql();
    }
}
