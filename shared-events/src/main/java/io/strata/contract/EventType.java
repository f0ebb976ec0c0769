package io.strata.contract;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permanent name under which an event is stored (payload_type) and which the audit log shows as its
 * type. It is independent of the Java class: a record may be renamed or moved to another holder or
 * package, its name stays. Names are the record's simple name as the first release showed them; a new
 * event takes its own simple name too. Every event also carries {@code @Revision}: the payload's
 * shape, raised (with an upcaster) when the shape changes. See {@link EventTypes}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {
    String value();
}
