package io.inflow.learning;

import io.inflow.testing.Databases;

class SqliteLearningApiTest extends LearningApiContract {
    @Override
    protected String databaseUrl() {
        return Databases.sqlite();
    }
}
