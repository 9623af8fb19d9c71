package dev.churnsentinel.platform.json;

import dev.churnsentinel.platform.ids.CustomerIds;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoNulCharactersTest {

    @Test
    void onlyStringsPostgresqlAndProtobufKeepAsTheyAreArePassed() {
        assertNull(NoNulCharacters.problem("合同到期我们就解约"));
        assertNull(NoNulCharacters.problem("太贵了😡"), "a surrogate pair is one character");
        assertNull(NoNulCharacters.problem(""));
        assertEquals(NoNulCharacters.MESSAGE, NoNulCharacters.problem("a\u0000b"));
        assertEquals(NoNulCharacters.SURROGATE_MESSAGE, NoNulCharacters.problem("a" + (char) 0xD800 + "b"));
        assertEquals(NoNulCharacters.SURROGATE_MESSAGE, NoNulCharacters.problem(String.valueOf((char) 0xDC00)));
        assertEquals(NoNulCharacters.SURROGATE_MESSAGE, NoNulCharacters.problem("ab" + (char) 0xD83D));
        assertEquals(NoNulCharacters.SURROGATE_MESSAGE, NoNulCharacters.problem("" + (char) 0xDE21 + (char) 0xD83D));
    }

    @Test
    void customerIdsHaveOneShapeEverywhere() {
        assertTrue(CustomerIds.valid("C-001:a.b_c"));
        assertFalse(CustomerIds.valid("\u0000"));
        assertFalse(CustomerIds.valid("a b"));
        assertFalse(CustomerIds.valid("x".repeat(101)));
        assertFalse(CustomerIds.valid(""));
    }
}
