package dev.flatcarmirror.provisioning;

import dev.flatcarmirror.catalog.ReleaseView;
import dev.flatcarmirror.channel.ChannelProperties;
import dev.flatcarmirror.release.CurrentReleases;
import dev.flatcarmirror.release.ServedChannels;
import dev.flatcarmirror.channel.MirrorPaths;
import dev.flatcarmirror.channel.PublicUrls;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.io.StringWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code /channels/{channel}/releases.atom}: the releases published on this mirror, newest first, for feed readers and chat bots. */
@Hidden
@RestController
class ReleaseFeedController {

    static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml");
    private static final String NS = "http://www.w3.org/2005/Atom";
    private static final int ENTRIES = 50;

    private final ServedChannels channels;
    private final CurrentReleases catalog;
    private final PublicUrls urls;

    ReleaseFeedController(ServedChannels channels, CurrentReleases catalog, PublicUrls urls) {
        this.channels = channels;
        this.catalog = catalog;
        this.urls = urls;
    }

    @GetMapping("/channels/{channel}/releases.atom")
    ResponseEntity<String> feed(@PathVariable String channel, HttpServletRequest request) throws XMLStreamException {
        ChannelProperties config = channels.channel(channel);
        String mirror = urls.base(request);
        List<ReleaseView> published = config.boards().stream().flatMap(board -> catalog.releases(channel, board).stream())
                .filter(ReleaseView::isPublished)
                .sorted(Comparator.comparing(ReleaseView::publishedAt).reversed())
                .limit(ENTRIES)
                .toList();
        StringWriter text = new StringWriter();
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("feed");
        xml.writeDefaultNamespace(NS);
        element(xml, "id", mirror + MirrorPaths.releasesFeed(channel));
        element(xml, "title", "Flatcar " + channel + " releases on this mirror");
        element(xml, "updated", time(published.isEmpty() ? Instant.EPOCH : published.get(0).publishedAt()));
        link(xml, "self", ATOM.toString(), mirror + MirrorPaths.releasesFeed(channel));
        link(xml, "alternate", "text/html", mirror + MirrorPaths.channel(channel));
        xml.writeStartElement("author");
        element(xml, "name", "flatcar-mirror");
        xml.writeEndElement();
        for (ReleaseView release : published) {
            String page = mirror + MirrorPaths.version(channel, release.board(), release.version());
            xml.writeStartElement("entry");
            element(xml, "id", page);
            element(xml, "title", "Flatcar " + channel + " " + release.version() + " (" + release.board() + ")");
            element(xml, "updated", time(release.publishedAt()));
            link(xml, "alternate", "text/html", page);
            element(xml, "summary", "Flatcar Container Linux " + release.version() + " for " + release.board() + " is published on this mirror: "
                    + release.verifiedArtifacts().size() + " verified files" + (release.current() ? "; it is the current release." : "."));
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
        return ResponseEntity.ok().contentType(ATOM).cacheControl(CacheControl.noCache()).body(text.toString());
    }

    private static void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String type, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", href);
    }

    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
