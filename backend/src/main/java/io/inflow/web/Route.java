package io.inflow.web;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Set;

/** One row of the route table: what answers, and who may ask. */
public record Route(HandlerType method, String path, Set<Role> roles, Handler handler) {
    public Route {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException(method + " " + path + " declares no roles");
        }
        roles = Set.copyOf(roles);
    }

    public static Route get(String path, Handler handler, Role... roles) {
        return new Route(HandlerType.GET, path, Set.of(roles), handler);
    }

    public static Route post(String path, Handler handler, Role... roles) {
        return new Route(HandlerType.POST, path, Set.of(roles), handler);
    }

    public static Route put(String path, Handler handler, Role... roles) {
        return new Route(HandlerType.PUT, path, Set.of(roles), handler);
    }

    public static Route patch(String path, Handler handler, Role... roles) {
        return new Route(HandlerType.PATCH, path, Set.of(roles), handler);
    }

    public static Route delete(String path, Handler handler, Role... roles) {
        return new Route(HandlerType.DELETE, path, Set.of(roles), handler);
    }

    public boolean isPublic() {
        return roles.contains(Role.ANYONE);
    }
}
