package io.inflow.walkthroughs;

import io.inflow.testing.Databases;

class SqliteWalkthroughApiTest extends WalkthroughApiContract {
    @Override
    protected String databaseUrl() {
        return Databases.sqlite();
    }
}
