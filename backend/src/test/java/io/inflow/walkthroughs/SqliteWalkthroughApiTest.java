package io.inflow.walkthroughs;

import io.inflow.testing.Databases;

class SqliteWalkthroughApiTest extends WalkthroughApiContract {
    @Override
    String databaseUrl() {
        return Databases.sqlite();
    }
}
