package dev.flatcarmirror.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.flatcarmirror.OutcomeCode;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;

/** What a line of the sync history records; the code is its {@code outcome} in the API and the column. */
public enum SyncEventKind implements OutcomeCode {
    /** A release became visible (and current, unless a newer one already was). */
    PUBLISHED("published"),
    /** A poll or a release stopped on a transport, storage or content error; retried on the next poll. */
    FAILED("failed"),
    /** A pointer was refused before any release was touched (signature, rollback, stage). */
    REJECTED("rejected"),
    /** A stored file no longer matched what was verified and was taken out of service. */
    QUARANTINED("quarantined"),
    /** A quarantined file was fetched and verified again. */
    REPAIRED("repaired"),
    /** Retention withdrew a release (no longer served); its files and row are deleted after the delete delay. */
    PRUNED("pruned");

    private final String code;

    SyncEventKind(String code) {
        this.code = code;
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    static SyncEventKind ofCode(String code) {
        return Arrays.stream(values()).filter(kind -> kind.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown sync event kind '" + code + "'"));
    }

    /** Stores the code, which the history has always shown, rather than the enum's name. */
    @Converter
    static class Column implements AttributeConverter<SyncEventKind, String> {

        @Override
        public String convertToDatabaseColumn(SyncEventKind kind) {
            return kind == null ? null : kind.code;
        }

        @Override
        public SyncEventKind convertToEntityAttribute(String code) {
            return code == null ? null : ofCode(code);
        }
    }
}
