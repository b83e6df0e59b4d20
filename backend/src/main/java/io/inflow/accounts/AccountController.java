package io.inflow.accounts;

import io.inflow.web.Access;
import io.inflow.web.ClientAddress;
import io.inflow.web.Json;
import io.inflow.web.Problem;
import io.inflow.web.Validation;
import io.javalin.http.Context;
import java.util.Map;

/** Sign-in, accounts and personal access tokens over HTTP. */
public final class AccountController {
    private static final int MAX_BODY = 16 * 1024;

    public record SignIn(String email, String password) {}

    public record NewAccount(String email, String name, String role, String password) {}

    public record NewTokenRequest(String name) {}

    private final Accounts accounts;
    private final SignInThrottle throttle;
    private final ClientAddress clientAddress;
    private final Json json;

    public AccountController(Accounts accounts, SignInThrottle throttle, ClientAddress clientAddress, Json json) {
        this.accounts = accounts;
        this.throttle = throttle;
        this.clientAddress = clientAddress;
        this.json = json;
    }

    public void signIn(Context ctx) {
        SignIn in = json.read(ctx, SignIn.class, MAX_BODY);
        new Validation().text(in.email(), "email", 320).text(in.password(), "password", 1024).throwIfInvalid();
        String address = clientAddress.of(ctx);
        var locked = throttle.lockedFor(in.email(), address);
        if (locked.isPresent()) {
            long seconds = Math.max(1, locked.get().toSeconds());
            ctx.header("Retry-After", String.valueOf(seconds));
            throw new Problem(429, "too-many-attempts", "Too many failed sign-ins",
                    "too many failed sign-ins: try again in " + Math.max(1, (seconds + 59) / 60) + " minutes", java.util.List.of());
        }
        var signedIn = accounts.signIn(in.email(), in.password());
        if (signedIn.isEmpty()) {
            throttle.failed(in.email(), address);
            throw Problem.unauthorized("the email or the password is wrong");
        }
        throttle.succeeded(in.email());
        String token = signedIn.get();
        boolean secure = "https".equals(ctx.scheme());
        ctx.header("Set-Cookie", Access.SESSION_COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Lax; Max-Age="
                + Accounts.SESSION_MAX.toSeconds() + (secure ? "; Secure" : ""));
        ctx.json(accounts.bySession(token).orElseThrow());
    }

    public void current(Context ctx) {
        ctx.json(Access.principal(ctx).account());
    }

    public void signOut(Context ctx) {
        String session = ctx.cookie(Access.SESSION_COOKIE);
        if (session != null) {
            accounts.signOut(session);
        }
        ctx.header("Set-Cookie", Access.SESSION_COOKIE + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
        ctx.status(204);
    }

    public void signOutEverywhere(Context ctx) {
        accounts.signOutEverywhere(Access.principal(ctx).account().id());
        ctx.header("Set-Cookie", Access.SESSION_COOKIE + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
        ctx.status(204);
    }

    public void list(Context ctx) {
        ctx.json(Map.of("items", accounts.list()));
    }

    public void create(Context ctx) {
        NewAccount in = json.read(ctx, NewAccount.class, MAX_BODY);
        Validation v = new Validation()
                .text(in.email(), "email", 320)
                .text(in.name(), "name", 200)
                .oneOf(in.role(), "role", Accounts.ROLES)
                .text(in.password(), "password", 1024);
        if (v.ok("email")) {
            v.check(in.email().matches("[^@\\s]+@[^@\\s]+"), "email", "must be an email address");
        }
        if (v.ok("password")) {
            v.check(in.password().length() >= 10, "password", "must be at least 10 characters")
             .check(in.password().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= Passwords.MAX_BYTES,
                     "password", "must be at most " + Passwords.MAX_BYTES + " bytes");
        }
        v.throwIfInvalid();
        ctx.status(201).json(accounts.create(in.email(), in.name().trim(), in.role(), in.password()));
    }

    public void tokens(Context ctx) {
        ctx.json(Map.of("items", accounts.tokens(Access.principal(ctx).account().id())));
    }

    public void createToken(Context ctx) {
        NewTokenRequest in = json.read(ctx, NewTokenRequest.class, MAX_BODY);
        new Validation().text(in.name(), "name", 100).throwIfInvalid();
        ctx.status(201).json(accounts.createToken(Access.principal(ctx).account().id(), in.name().trim()));
    }

    public void deleteToken(Context ctx) {
        if (!accounts.deleteToken(Access.principal(ctx).account().id(), ctx.pathParam("tokenId"))) {
            throw Problem.notFound("no such token");
        }
        ctx.status(204);
    }
}
