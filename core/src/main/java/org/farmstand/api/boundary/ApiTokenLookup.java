package org.farmstand.api.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.farmstand.platform.persistence.DataSources;
import org.farmstand.platform.security.Tokens;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Finds the shop and scopes of a presented API token. Runs before any tenant is known (the token decides it), so it
 * reads {@code api_token} with plain JDBC instead of through the multitenant persistence unit.
 */
@ApplicationScoped
public class ApiTokenLookup {

    /** Plain value of the demo shop's read-write token, seeded only with {@code farmstand.demo.seed=true}. */
    public static final String DEMO_TOKEN = "fs_demo_sonnenhof_readwrite_token";
    public static final String DEMO_SHOP = "sonnenhof";

    @Inject
    DataSources dataSources;

    /** Who called: the token's id, its shop, whether it may write, and its name (as the owner named it). */
    public record Caller(long tokenId, long tenantId, boolean write, String name) {
    }

    /** The active (not revoked) token with this plain value, of an active shop; empty otherwise. */
    public Optional<Caller> find(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        String sql = "SELECT t.id, t.tenant_id, t.scopes, t.last_used_at < NOW(3) - INTERVAL 1 MINUTE"
                + " OR t.last_used_at IS NULL, t.name FROM api_token t JOIN tenant s ON s.id = t.tenant_id"
                + " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND s.status = 'ACTIVE'";
        try (Connection c = dataSources.get().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, Tokens.sha256Hex(token));
            Caller caller;
            boolean stale;
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String scopes = rs.getString(3);
                caller = new Caller(rs.getLong(1), rs.getLong(2), scopes != null && scopes.contains("write"),
                        rs.getString(5));
                stale = rs.getBoolean(4);
            }
            if (stale) {
                // "last used" for the owner's token page, written at most about once a minute per token
                try (PreparedStatement up = c.prepareStatement("UPDATE api_token SET last_used_at = NOW(3) WHERE id = ?"
                        + " AND (last_used_at IS NULL OR last_used_at < NOW(3) - INTERVAL 1 MINUTE)")) {
                    up.setLong(1, caller.tokenId());
                    up.executeUpdate();
                }
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            }
            return Optional.of(caller);
        } catch (SQLException e) {
            throw new IllegalStateException("API token lookup failed", e);
        }
    }

    /** Stores the demo token's hash for the demo shop unless it is there already; true when it was added. */
    public boolean seedDemoToken() {
        String sql = "INSERT IGNORE INTO api_token (tenant_id, name, token_hash, scopes)"
                + " SELECT id, 'Demo (read-write)', ?, 'read,write' FROM tenant WHERE slug = ?";
        try (Connection c = dataSources.get().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, Tokens.sha256Hex(DEMO_TOKEN));
            ps.setString(2, DEMO_SHOP);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("Seeding the demo API token failed", e);
        }
    }
}
