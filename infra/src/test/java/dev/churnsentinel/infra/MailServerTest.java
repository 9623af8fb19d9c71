package dev.churnsentinel.infra;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local SMTP server hands over what it received and forgets it, so a storm of e-mails does not fill memory. */
class MailServerTest {
    @Test
    void takeReturnsEachMessageOnceOldestFirstAndForgetsIt() throws Exception {
        try (MailServer server = MailServer.start(Infrastructure.freePort())) {
            Properties props = new Properties();
            props.put("mail.smtp.host", "127.0.0.1");
            props.put("mail.smtp.port", String.valueOf(server.port()));
            Session session = Session.getInstance(props);
            for (String to : List.of("zhou@example.com", "wu@example.com", "zhou@example.com")) {
                MimeMessage message = new MimeMessage(session);
                message.setFrom(new InternetAddress("sentinel@example.com"));
                message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to));
                message.setSubject("to " + to + " #" + server.received().size());
                message.setText("解约");
                Transport.send(message);
            }

            List<MimeMessage> taken = server.take();

            assertEquals(List.of("to zhou@example.com #0", "to wu@example.com #1", "to zhou@example.com #2"),
                    taken.stream().map(MailServerTest::subject).toList());
            assertTrue(server.take().isEmpty());
            assertTrue(server.received().isEmpty());
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
