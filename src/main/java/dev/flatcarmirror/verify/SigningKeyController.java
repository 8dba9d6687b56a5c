package dev.flatcarmirror.verify;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The effective public key, merged from every source, for clients such as {@code flatcar-install -k}. */
@RestController
class SigningKeyController {

    private static final MediaType PGP_KEYS = MediaType.parseMediaType("application/pgp-keys");

    private final SigningKeyring keyring;

    SigningKeyController(SigningKeyring keyring) {
        this.keyring = keyring;
    }

    @GetMapping("/keys/signing-key.asc")
    ResponseEntity<String> signingKey() {
        String armored = keyring.armored();
        if (armored.isEmpty()) {
            throw new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE);
        }
        return ResponseEntity.ok().contentType(PGP_KEYS).header("Cache-Control", "no-cache").body(armored);
    }
}
