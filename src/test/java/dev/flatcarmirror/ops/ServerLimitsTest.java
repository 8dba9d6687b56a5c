package dev.flatcarmirror.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flatcarmirror.testsupport.MirrorApplicationTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

/**
 * The bounds application.yaml puts on clients, as the running Tomcat has them (not only as properties), and one of
 * them acted out: a client that never finishes its request headers is disconnected.
 */
@MirrorApplicationTest
class ServerLimitsTest {

    @LocalServerPort
    int port;

    @Autowired
    ServletWebServerApplicationContext context;

    @Test
    void tomcatShouldBoundSlowClientsIdleConnectionsAndTheirNumber() {
        Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        AbstractHttp11Protocol<?> protocol = (AbstractHttp11Protocol<?>) connector.getProtocolHandler();

        assertThat(protocol.getConnectionTimeout()).as("connection-timeout, ms").isEqualTo(20_000);
        assertThat(protocol.getKeepAliveTimeout()).as("keep-alive-timeout, ms").isEqualTo(15_000);
        assertThat(protocol.getMaxKeepAliveRequests()).as("max-keep-alive-requests").isEqualTo(100);
        assertThat(protocol.getMaxConnections()).as("max-connections").isEqualTo(1000);
    }

    @Test
    void clientThatNeverFinishesItsRequestHeadersShouldBeDisconnectedAfterTheConnectionTimeout() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) Duration.ofSeconds(60).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write("GET /channels HTTP/1.1\r\nHost: mirror\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            InputStream in = socket.getInputStream();
            int read;
            try {
                read = in.read();
                while (read >= 0) {
                    read = in.read();
                }
            } catch (SocketException e) {
                read = -1;
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(read).isEqualTo(-1);
            assertThat(waited).as("closed after server.tomcat.connection-timeout (20s), not Tomcat's default 60s")
                    .isBetween(Duration.ofSeconds(15), Duration.ofSeconds(40));
        }
    }
}
