package io.inflow.web;

import io.inflow.accounts.Account;
import io.inflow.accounts.Accounts;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * The one place where access is decided: every matched route declares its roles,
 * and this checks the caller (session cookie or bearer token) against them.
 */
public final class Access {
    public static final String SESSION_COOKIE = "inflow_session";
    private static final String PRINCIPAL = "inflow.principal";

    public enum Via { COOKIE, TOKEN }

    public record Principal(Account account, Via via) {}

    private final Accounts accounts;

    public Access(Accounts accounts) {
        this.accounts = accounts;
    }

    public void check(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty() || roles.contains(Role.ANYONE) || ctx.method() == HandlerType.OPTIONS) {
            return;
        }
        Principal principal = authenticate(ctx)
                .orElseThrow(() -> Problem.unauthorized("sign in, or send a personal access token as 'Authorization: Bearer …'"));
        if (principal.via() == Via.COOKIE && isWrite(ctx.method()) && crossSite(ctx)) {
            throw Problem.forbidden("a cookie-authenticated change must come from the console's own origin");
        }
        Role role = Role.ofAccountRole(principal.account().role());
        if (!roles.contains(Role.SIGNED_IN) && !roles.contains(role)) {
            throw Problem.forbidden("the role '" + principal.account().role() + "' may not do this");
        }
        ctx.attribute(PRINCIPAL, principal);
    }

    /** The caller of a route that passed {@link #check}. */
    public static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null) {
            throw new IllegalStateException("route has no signed-in caller: " + ctx.path());
        }
        return principal;
    }

    public Optional<Principal> authenticate(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Optional.empty();
            }
            return accounts.byToken(authorization.substring(7).trim()).map(a -> new Principal(a, Via.TOKEN));
        }
        String session = ctx.cookie(SESSION_COOKIE);
        if (session == null || session.isBlank()) {
            return Optional.empty();
        }
        return accounts.bySession(session).map(a -> new Principal(a, Via.COOKIE));
    }

    private static boolean isWrite(HandlerType method) {
        return method != HandlerType.GET && method != HandlerType.HEAD;
    }

    /** True when the browser tells us the request comes from another site. */
    static boolean crossSite(Context ctx) {
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return true;
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            return false;
        }
        if (origin.equals("null")) {
            return true;
        }
        String host = ctx.header("Host");
        try {
            URI uri = URI.create(origin);
            String originHost = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host == null || !host.equalsIgnoreCase(originHost);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
