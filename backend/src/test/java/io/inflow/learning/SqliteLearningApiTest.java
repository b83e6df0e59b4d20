package io.inflow.learning;

import io.inflow.testing.Databases;

class SqliteLearningApiTest extends LearningApiContract {
    @Override
    String databaseUrl() {
        return Databases.sqlite();
    }
}
