package communecast.app.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A request's headers must be whole within {@code communecast.header-timeout} of its first byte, else the
 * connection is closed: half-sent requests held connections open for good. Only the headers are timed, so a
 * slow upload's body, an event stream and a connection kept alive between requests are not; a WebSocket
 * (the agents' link) leaves HTTP and the timer at its upgrade. Netty's idle timers would not do: an event
 * stream reads nothing for minutes.
 */
@Singleton
final class HeaderTimeout implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private static final String CODEC = "http-server-codec";

    private final Duration timeout;

    HeaderTimeout(@Value("${communecast.header-timeout:30s}") Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new NettyServerCustomizer() {
            @Override
            public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                return role == ChannelRole.CONNECTION ? new OnConnection(channel) : this;
            }
        });
        return event.getBean();
    }

    private final class OnConnection implements NettyServerCustomizer {
        private final Channel channel;

        OnConnection(Channel channel) {
            this.channel = channel;
        }

        /** HTTP/1.1: a watch on the bytes before the codec, and one on the requests it makes of them. */
        @Override
        public void onStreamPipelineBuilt() {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(CODEC) != null) {
                Watch watch = new Watch();
                pipeline.addBefore(CODEC, "header-timeout-bytes", watch.bytes);
                pipeline.addAfter(CODEC, "header-timeout-requests", watch.requests);
            }
        }
    }

    /** One connection's timer: armed by the first byte of a request (or the connection), disarmed by its headers. */
    private final class Watch {
        private ScheduledFuture<?> deadline;
        /** Between a request's last byte and the next request's first: nothing is timed. */
        private boolean betweenRequests;

        final ChannelInboundHandlerAdapter bytes = new ChannelInboundHandlerAdapter() {
            /** The connection's first request is timed from when the connection is there. */
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                arm(ctx);
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (betweenRequests && msg instanceof ByteBuf buf && buf.isReadable()) {
                    betweenRequests = false;
                    arm(ctx);
                }
                super.channelRead(ctx, msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                disarm();
                super.channelInactive(ctx);
            }
        };

        final ChannelDuplexHandler requests = new ChannelDuplexHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (msg instanceof HttpRequest) {
                    disarm();
                }
                if (msg instanceof LastHttpContent) {
                    betweenRequests = true;
                }
                super.channelRead(ctx, msg);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
                if (msg instanceof HttpResponse response && response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
                    // Not HTTP any more: the WebSocket's frames are no request headers.
                    disarm();
                    ctx.pipeline().remove(bytes);
                    ctx.pipeline().remove(this);
                }
                super.write(ctx, msg, promise);
            }
        };

        private void arm(ChannelHandlerContext ctx) {
            disarm();
            deadline = ctx.executor().schedule(() -> {
                ctx.channel().close();
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        private void disarm() {
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
        }
    }
}
