package io.inflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.inflow.testing.Databases;
import io.inflow.testing.Http;
import io.inflow.testing.Server;
import io.inflow.web.Role;
import io.inflow.web.Route;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The maintained OpenAPI document and the server's route table must describe the same API. */
class OpenApiTest {
    @Test
    void documentAndRouteTableListTheSameOperationsAndRoles() throws Exception {
        try (Server server = Server.start(Databases.sqlite(), false)) {
            JsonNode doc = server.http().get("/api/openapi.json").json();
            Set<String> documented = new TreeSet<>();
            Set<String> documentedRoles = new TreeSet<>();
            doc.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                String key = op.getKey().toUpperCase() + " " + path.getKey();
                documented.add(key);
                documentedRoles.add(key + " " + new TreeSet<>(Http.JSON.convertValue(op.getValue().get("x-roles"), java.util.List.class)));
            }));
            Set<String> served = new TreeSet<>();
            Set<String> servedRoles = new TreeSet<>();
            for (Route route : server.inflow.routes()) {
                String key = route.method().name() + " " + route.path();
                served.add(key);
                servedRoles.add(key + " " + route.roles().stream().map(OpenApiTest::roleName).collect(Collectors.toCollection(TreeSet::new)));
            }
            assertThat(documented).as("operations in openapi.json vs the route table").isEqualTo(served);
            assertThat(documentedRoles).as("roles in openapi.json vs the route table").isEqualTo(servedRoles);
        }
    }

    private static String roleName(Role role) {
        return role == Role.SIGNED_IN ? "signed-in" : role.name().toLowerCase();
    }
}
