package dev.flatcarmirror.web.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the OpenAPI document at /v3/api-docs says about the service as a whole. */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    @Bean
    OpenAPI mirrorOpenApi() {
        return new OpenAPI().info(new Info()
                .title("Flatcar mirror")
                .version("1")
                .description("A verified mirror of Flatcar Container Linux release images. Files are served in upstream's "
                        + "layout, /{channel}/{board}/{version}/{file}, each with its detached OpenPGP signature; "
                        + "every directory answers Accept: application/json with upstream's listing format. "
                        + "Errors are RFC 9457 problem details.")
                .license(new License().name("Apache-2.0")));
    }
}
