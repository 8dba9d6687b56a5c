package dev.flatcarmirror;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.util.unit.DataSize;

/**
 * A {@link DataSize} setting of at least {@link #bytes()}: Bean Validation has no constraint for it,
 * and a zero or negative size would only fail at the first download, far from the setting's name.
 */
@Documented
@Constraint(validatedBy = DataSizeMin.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface DataSizeMin {

    long bytes();

    String message() default "must be at least {bytes} bytes";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Null passes: {@code @NotNull} says whether a value is required. */
    class Validator implements ConstraintValidator<DataSizeMin, DataSize> {

        private long min;

        @Override
        public void initialize(DataSizeMin annotation) {
            min = annotation.bytes();
        }

        @Override
        public boolean isValid(DataSize value, ConstraintValidatorContext context) {
            return value == null || value.toBytes() >= min;
        }
    }
}
