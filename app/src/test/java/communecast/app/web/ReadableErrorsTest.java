package communecast.app.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The framework's messages as Micronaut 4.10 wrote them for bad requests to this server, and what staff read instead. */
class ReadableErrorsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Required Body [request] not specified | the request needs a JSON body
            Required argument [StreamingFileUpload file] not specified | 'file' is required
            Failed to convert argument [request] for value [null] due to: Unexpected token START_ARRAY, expected START_OBJECT \\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 2] | the JSON body could not be read: expected an object, found a list (line 1, column 2)
            Failed to convert argument [request] for value [null] due to: Cannot deserialize value of type `communecast.app.schedule.Level` due to: Expected one of [EMERGENCY, PRIORITY, NORMAL] but was 'HUGE' \\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 29] | the JSON body could not be read: Expected one of [EMERGENCY, PRIORITY, NORMAL] but was 'HUGE' (line 1, column 29)
            Failed to convert argument [request] for value [null] due to: Error decoding property [LocalDate startDate] of type [class communecast.app.campaign.NewCampaign]: Text 'hôm qua' could not be parsed at index 0 | the JSON body could not be read: startDate: Text 'hôm qua' could not be parsed at index 0
            Failed to convert argument [limit] for value [many] due to: For input string: "many" | 'many' is not a valid limit (For input string: "many")
            Invalid JSON: Unexpected end-of-input within/between Object entries\\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 23] | Invalid JSON: Unexpected end-of-input within/between Object entries (line 1, column 23)
            Quiet hours must be HH:mm | Quiet hours must be HH:mm
            """)
    void namesTheFieldAndValueWithoutJavaTypes(String framework, String readable) {
        assertEquals(readable, ReadableErrors.of(framework.replace("\\n", "\n")));
    }
}
