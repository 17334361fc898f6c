package org.farmstand.mail.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.farmstand.platform.persistence.TenantOwned;

/**
 * A mail waiting to be sent, written in the same transaction as the change that causes it. The relay reads the
 * table with plain JDBC across tenants (see MailRelay); this entity is the writing side.
 */
@Entity
@Table(name = "outbox_mail")
public class OutboxMail extends TenantOwned {

    private String recipient;

    private String subject;

    private String body;

    private String status = "PENDING";

    protected OutboxMail() {
    }

    public OutboxMail(String recipient, String subject, String body) {
        this.recipient = recipient;
        this.subject = subject;
        this.body = body;
    }

    public String getRecipient() { return recipient; }
    public String getSubject() { return subject; }
    public String getBody() { return body; }
    public String getStatus() { return status; }
}
