package communecast.agent;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one JSON configuration of the agent, for the wire and for its files alike. */
public final class Json {

    private Json() {
    }

    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                // Instants go out as ISO-8601 text with the offset they were made with.
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // Older agents must read newer servers: unknown fields and enum values are skipped.
                .addHandler(new UnknownFieldLogger())
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
    }

    /** Skips a field this agent does not know, and says so once per field. */
    private static final class UnknownFieldLogger extends DeserializationProblemHandler {
        private static final Logger LOG = LoggerFactory.getLogger(Json.class);
        private final Set<String> seen = ConcurrentHashMap.newKeySet();

        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
            String type = beanOrClass instanceof Class<?> c ? c.getSimpleName() : beanOrClass.getClass().getSimpleName();
            if (seen.add(type + "." + propertyName)) {
                LOG.info("ignoring field '{}' of {}, unknown to this agent version", propertyName, type);
            }
            parser.skipChildren();
            return true;
        }
    }
}
