package dev.flatcarmirror.ops;

import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.release.ServedChannels;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts the body bytes of successful GETs of mirrored files, {@code /{channel}/{board}/{version}/{file}},
 * as {@code flatcar_mirror_served_bytes_total{channel,board}}, under the name the client used: an internal channel's
 * downloads count as its own, though they are the followed channel's stored objects. Path segments come from the
 * client, so only a configured channel and board ever become tag values; the version and file never do. The counters are made
 * once, at start-up, and the path is read without splitting it: this runs on every request.
 *
 * <p>A body Tomcat sends by sendfile after the servlet returned ({@code org.apache.tomcat.sendfile.*} request
 * attributes) is counted at its planned length, as it is handed to the connector: Tomcat tells a servlet filter
 * nothing once the file is sent, so a client that goes away mid-file is counted as served in full (streamed bodies
 * count what was written).
 */
class ServedBytesFilter implements Filter {

    static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
    static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";

    /** Channel, then board. */
    private final Map<String, Map<String, Counter>> counters = new HashMap<>();

    ServedBytesFilter(ServedChannels channels, MeterRegistry registry) {
        // At zero from the start, for every configured board, so rate() and increase() see the first bytes.
        for (ChannelProperties channel : channels.all()) {
            Map<String, Counter> boards = counters.computeIfAbsent(channel.name(), name -> new HashMap<>());
            channel.boards().forEach(board -> boards.put(board, counter(registry, channel.name(), board)));
        }
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        Counter counter = "GET".equals(request.getMethod()) ? mirroredBoard(request) : null;
        if (counter == null) {
            chain.doFilter(servletRequest, servletResponse);
            return;
        }
        CountingResponse counting = new CountingResponse((HttpServletResponse) servletResponse);
        try {
            chain.doFilter(request, counting);
        } finally {
            // Also when the client went away mid-file: what was written was served.
            int status = counting.getStatus();
            long bytes = counting.bytes() + sendfileBytes(request);
            if (bytes > 0 && (status == HttpServletResponse.SC_OK || status == HttpServletResponse.SC_PARTIAL_CONTENT)) {
                counter.increment(bytes);
            }
        }
    }

    private static long sendfileBytes(HttpServletRequest request) {
        return request.getAttribute(SENDFILE_START) instanceof Long start && request.getAttribute(SENDFILE_END) instanceof Long end
                ? end - start : 0;
    }

    /** The counter of {@code /{channel}/{board}/{version}/{file}} when it names a mirrored board, else null. */
    private Counter mirroredBoard(HttpServletRequest request) {
        String uri = request.getRequestURI();
        int from = request.getContextPath().length();
        if (uri.length() <= from || uri.charAt(from) != '/') {
            return null;
        }
        int[] slashes = new int[4];
        int found = 0;
        for (int i = from + 1; i < uri.length(); i++) {
            if (uri.charAt(i) == '/') {
                if (found == slashes.length) {
                    return null;
                }
                slashes[found++] = i;
            }
        }
        if (found != 3) {
            return null;
        }
        Map<String, Counter> boards = counters.get(uri.substring(from + 1, slashes[0]));
        return boards == null ? null : boards.get(uri.substring(slashes[0] + 1, slashes[1]));
    }

    private static Counter counter(MeterRegistry registry, String channel, String board) {
        return Counter.builder("flatcar_mirror_served_bytes")
                .description("Body bytes of mirrored files sent to clients (200 and 206 answers to GET)")
                .baseUnit(BaseUnits.BYTES)
                .tags("channel", channel, "board", board)
                .register(registry);
    }
}
