package io.inflow.accounts;

/** A person who signs in to the console: an admin, author or analyst. */
public record Account(String id, String email, String name, String role, String createdAt) {}
