package dev.churnsentinel.infra;

import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local stack's mail log shows an e-mail as its reader sees it, with the HTML part in a file of its own. */
class MailLogTest {
    @TempDir
    Path dir;

    @Test
    void aTextAndHtmlMailIsLoggedAsTextWithItsHtmlInAFile() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("zhou@example.com"));
        message.setSubject("[RED · RESCUE] 王女士", "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("客户原话 / In the customer's words: 解约", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>解约</p>", "text/html; charset=UTF-8");
        message.setContent(new MimeMultipart("alternative", text, html));
        message.saveChanges();

        String logged = LocalStack.render(message, dir.resolve("mail"));

        assertTrue(logged.contains("Subject: [RED · RESCUE] 王女士"), logged);
        assertTrue(logged.contains("In the customer's words: 解约"), logged);
        try (var files = Files.list(dir.resolve("mail"))) {
            Path file = files.findFirst().orElseThrow();
            assertTrue(logged.contains("HTML part: " + file), logged);
            assertEquals("<p>解约</p>", Files.readString(file));
        }
    }
}
