package dev.churnsentinel.infra;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A real SMTP server (GreenMail) on loopback that keeps every message it receives until taken, for the stack and
 * tests. */
public final class MailServer implements AutoCloseable {
    private final GreenMail greenMail;
    private final int port;

    private MailServer(GreenMail greenMail, int port) {
        this.greenMail = greenMail;
        this.port = port;
    }

    /**
     * GreenMail gives its server 2 s to start by default; on a machine busy with a build's other tests that can pass
     * before the server thread has run, so it is given as long as the rest of the stack has to start.
     */
    private static final long STARTUP_TIMEOUT_MS = 30_000;

    public static MailServer start(int port) {
        ServerSetup smtp = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        smtp.setServerStartupTimeout(STARTUP_TIMEOUT_MS);
        GreenMail greenMail = new GreenMail(smtp);
        greenMail.start();
        return new MailServer(greenMail, port);
    }

    public int port() {
        return port;
    }

    public List<MimeMessage> received() {
        return List.of(greenMail.getReceivedMessages());
    }

    /**
     * Removes and returns the messages received so far, oldest first, so a long-running stack does not keep every
     * e-mail of a storm in memory; a message that arrives meanwhile stays for the next call.
     */
    public List<MimeMessage> take() {
        List<StoredMessage> taken = new ArrayList<>();
        try {
            for (GreenMailUser user : greenMail.getUserManager().listUser()) {
                MailFolder inbox = greenMail.getManagers().getImapHostManager().getInbox(user);
                List<StoredMessage> messages = List.copyOf(inbox.getMessages());
                for (StoredMessage message : messages) {
                    inbox.setFlags(new Flags(Flags.Flag.DELETED), true, message.getUid(), null, false);
                }
                inbox.expunge();
                taken.addAll(messages);
            }
        } catch (FolderException e) {
            throw new IllegalStateException("cannot take the received e-mails", e);
        }
        taken.sort(Comparator.comparing(StoredMessage::getReceivedDate));
        return taken.stream().map(StoredMessage::getMimeMessage).toList();
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
