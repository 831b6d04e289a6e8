package communecast.agent.link;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import communecast.agent.link.Messages.Inbound;

/** Text frames to messages and back. Reads the version and type first, then the fields of that type. */
public final class MessageCodec {

    private final ObjectMapper mapper;

    public MessageCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Inbound read(String text) throws JsonProcessingException {
        JsonNode tree = mapper.readTree(text);
        int v = tree.path("v").asInt(0);
        if (v != Messages.VERSION) {
            return new Messages.Unsupported(v);
        }
        String type = tree.path("type").asText("");
        Class<? extends Inbound> kind = switch (type) {
            case "welcome" -> Messages.Welcome.class;
            case "timeReply" -> Messages.TimeReply.class;
            case "command" -> Messages.Command.class;
            case "orders" -> Messages.Orders.class;
            case "withdraw" -> Messages.Withdraw.class;
            case "ack" -> Messages.Ack.class;
            case "error" -> Messages.ErrorMessage.class;
            default -> null;
        };
        return kind == null ? new Messages.Unknown(type) : mapper.treeToValue(tree, kind);
    }

    public String write(Messages.Outbound message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + message, e);
        }
    }
}
