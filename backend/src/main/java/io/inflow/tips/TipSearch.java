package io.inflow.tips;

import io.inflow.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Full-text search over an app's published tips, for the launcher: SQLite's FTS5 table
 * (db/sqlite) or PostgreSQL's text search on an indexed expression (db/postgresql). Every word
 * of the query must occur, as a word or the start of one; titles weigh more than bodies.
 */
public final class TipSearch {
    static final int MAX_WORDS = 8;
    private final Database db;

    public TipSearch(Database db) {
        this.db = db;
    }

    /** The words of a query: letters and digits only, so no query syntax reaches either engine. */
    public static List<String> words(String query) {
        List<String> words = new ArrayList<>();
        if (query == null) {
            return words;
        }
        for (String w : query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty() && words.size() < MAX_WORDS && !words.contains(w)) {
                words.add(w.length() > 40 ? w.substring(0, 40) : w);
            }
        }
        return words;
    }

    /** Ids of matching published tips, best first. */
    public List<String> find(String appId, List<String> words, int limit) {
        if (words.isEmpty()) {
            return List.of();
        }
        if (db.dialect() == Database.Dialect.POSTGRESQL) {
            String query = String.join(" & ", words.stream().map(w -> w + ":*").toList());
            return db.read(h -> h.createQuery("""
                            SELECT id FROM tips
                            WHERE app_id = :app AND status = 'published'
                              AND to_tsvector('simple', title || ' ' || body_markdown) @@ to_tsquery('simple', :q)
                            ORDER BY ts_rank(setweight(to_tsvector('simple', title), 'A') || to_tsvector('simple', body_markdown),
                                             to_tsquery('simple', :q)) DESC, id
                            LIMIT :limit""")
                    .bind("app", appId).bind("q", query).bind("limit", limit).mapTo(String.class).list());
        }
        String match = String.join(" ", words.stream().map(w -> "\"" + w + "\"*").toList());
        return db.read(h -> h.createQuery("""
                        SELECT tip_id FROM tips_search
                        WHERE tips_search MATCH :q AND app_id = :app
                        ORDER BY bm25(tips_search, 0.0, 0.0, 5.0, 1.0), tip_id
                        LIMIT :limit""")
                .bind("app", appId).bind("q", match).bind("limit", limit).mapTo(String.class).list());
    }
}
