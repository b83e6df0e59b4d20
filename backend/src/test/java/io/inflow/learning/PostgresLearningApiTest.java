package io.inflow.learning;

import io.inflow.testing.Databases;

class PostgresLearningApiTest extends LearningApiContract {
    @Override
    protected String databaseUrl() {
        return Databases.postgresql();
    }
}
