package communecast.app.cluster;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** One node unless COMMUNECAST_CLUSTER_NATS_URL names the broker the nodes share. */
@Factory
final class ClusterFactory {

    @Singleton
    @Bean(preDestroy = "close")
    Cluster cluster(@Value("${communecast.cluster.nats-url:}") String natsUrl,
                    @Value("${communecast.cluster.node-name:}") String nodeName,
                    @Value("${micronaut.server.port:8080}") int port) {
        String node = nodeName.isBlank() ? defaultName(port) : nodeName.trim();
        return natsUrl.isBlank() ? new SingleNode(node) : new NatsCluster(node, natsUrl.trim());
    }

    /**
     * Stable over restarts where host name and port are (a container's host name is not: set
     * COMMUNECAST_NODE_NAME there), so a restarted node finds the links and renditions it held.
     */
    private static String defaultName(int port) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "node";
        }
        return port > 0 ? host + ":" + port : host + "-" + ProcessHandle.current().pid();
    }
}
