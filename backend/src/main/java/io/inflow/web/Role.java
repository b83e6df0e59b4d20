package io.inflow.web;

import io.javalin.security.RouteRole;

/**
 * Who may call a route. ANYONE marks public routes (the overlay's, sign-in);
 * SIGNED_IN admits every account; the rest are account roles.
 */
public enum Role implements RouteRole {
    ANYONE, SIGNED_IN, ADMIN, AUTHOR, ANALYST;

    public static Role ofAccountRole(String role) {
        return switch (role) {
            case "admin" -> ADMIN;
            case "author" -> AUTHOR;
            case "analyst" -> ANALYST;
            default -> throw new IllegalArgumentException("unknown role " + role);
        };
    }
}
