package communecast.agent.link;

/** Carries out a remote command the link itself cannot (volume, screenshot); answers what to tell the server. */
@FunctionalInterface
public interface CommandHandler {

    record Result(boolean ok, String message) {
        public static Result done(String message) {
            return new Result(true, message);
        }

        public static Result refused(String message) {
            return new Result(false, message);
        }
    }

    Result handle(Messages.Command command);
}
