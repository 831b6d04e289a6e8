package communecast.app.media;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A long notice goes to the engine in parts of whole sentences, each small enough, none lost. */
class SpeechPartsTest {
    @Test
    void sentencesStayWholeAndTogetherUpToTheLimit() {
        assertEquals(List.of("Mất điện. Bà con chú ý!"), SpeechEngine.parts("Mất điện.  Bà con chú ý!\n", 40));
        assertEquals(List.of("Câu một dài dài.", "Câu hai cũng dài.", "Ba."), SpeechEngine.parts("Câu một dài dài. Câu hai cũng dài. Ba.", 20));
        assertEquals(List.of("Dòng một", "Dòng hai"), SpeechEngine.parts("Dòng một\n\nDòng hai", 10), "a line break ends a part too");
    }

    @Test
    void aSentenceLongerThanAPartIsCutAtACommaOrASpace() {
        String sentence = "Bà con thôn Kép, thôn Chũ và thôn Đồng Vành chú ý lịch cắt điện sáng mai";
        List<String> parts = SpeechEngine.parts(sentence, 30);
        assertTrue(parts.stream().allMatch(p -> p.length() <= 30), parts.toString());
        assertEquals("Bà con thôn Kép,", parts.getFirst(), "cut after the comma");
        assertEquals(sentence, String.join(" ", parts), "nothing lost");
        assertEquals(List.of("aaaaa", "aaaaa", "aa"), SpeechEngine.parts("a".repeat(12), 5), "no space: cut at the limit");
    }
}
