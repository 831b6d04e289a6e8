package communecast.app.security;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/**
 * The one exception to four eyes (the author of a campaign or of its edit never approves it): the built-in
 * {@code admin} may, where nobody else could, on a server just set up or for an area no other approver covers.
 */
@Singleton
public final class Approvers {
    private final Jdbi jdbi;

    Approvers(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Whether {@code author} may approve their own work made in {@code areaId} (null: national). */
    public boolean mayApproveOwn(CurrentUser author, @Nullable Long areaId) {
        return AdminBootstrap.ADMIN.equals(author.username()) && !anyoneElse(author.id(), areaId);
    }

    /** An active ADMIN or APPROVER other than {@code userId} whose area holds {@code areaId}. */
    private boolean anyoneElse(long userId, @Nullable Long areaId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT EXISTS (
                            SELECT 1
                            FROM app_user u
                            LEFT JOIN area ua ON ua.id = u.area_id
                            WHERE u.disabled_at IS NULL
                              AND u.role IN ('ADMIN', 'APPROVER')
                              AND u.id <> :userId
                              AND (u.area_id IS NULL
                                   OR (SELECT path FROM area WHERE id = :areaId) LIKE CONCAT(ua.path, '%')))""")
                .bind("userId", userId)
                .bind("areaId", areaId)
                .mapTo(Boolean.class)
                .one());
    }
}
