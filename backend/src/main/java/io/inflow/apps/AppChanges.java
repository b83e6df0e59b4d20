package io.inflow.apps;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * Who on this server hears that an app's content changed, once the change has committed.
 * It travels in the Jdbi configuration so that {@link Apps#bumpContentVersion}, called inside
 * any transaction, reaches this server's caches without a reference to them.
 */
public final class AppChanges implements JdbiConfig<AppChanges> {
    private final List<Consumer<String>> listeners;

    public AppChanges() {
        this(new CopyOnWriteArrayList<>());
    }

    private AppChanges(List<Consumer<String>> listeners) {
        this.listeners = listeners;
    }

    void listen(Consumer<String> listener) {
        listeners.add(listener);
    }

    void changed(Handle h, String appId) {
        if (!listeners.isEmpty()) {
            h.afterCommit(() -> listeners.forEach(l -> l.accept(appId)));
        }
    }

    /** Handles share the listeners of their Jdbi: a change on any handle reaches them. */
    @Override
    public AppChanges createCopy() {
        return new AppChanges(listeners);
    }
}
