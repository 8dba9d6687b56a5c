package dev.flatcarmirror.web.pages;

import dev.flatcarmirror.channel.NotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A browser asking for an unknown channel, board or version gets a page saying which, with a way
 * back; any other client falls through to the RFC 9457 problem that {@link NotFoundException} is.
 */
@ControllerAdvice(assignableTypes = ListingPages.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class NotFoundPage {

    @ExceptionHandler(exception = NotFoundException.class, produces = MediaType.TEXT_HTML_VALUE)
    ModelAndView notFound(NotFoundException exception) {
        ModelAndView page = new ModelAndView("pages/not-found", HttpStatus.NOT_FOUND);
        page.addObject("title", exception.getBody().getTitle());
        page.addObject("detail", exception.getBody().getDetail());
        return page;
    }
}
