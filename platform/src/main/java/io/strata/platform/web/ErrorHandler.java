package io.strata.platform.web;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.strata.contract.Refusal;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.AxonException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.stream.Collectors;

/** Every failure becomes API.md's error shape with a stable code. Bad input is a 4xx, never a 500. */
@RestControllerAdvice
public class ErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(ErrorHandler.class);

    public static ResponseEntity<Envelopes.ErrorBody> error(int status, String code, String message) {
        return ResponseEntity.status(status).body(new Envelopes.ErrorBody(new Envelopes.Error(code, message)));
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Envelopes.ErrorBody> api(ApiException e) {
        return error(e.status(), e.code(), e.getMessage());
    }

    /** A command the domain refused: the same status, code and message an ApiException of that kind gives. */
    @ExceptionHandler(Refusal.class)
    ResponseEntity<Envelopes.ErrorBody> refused(Refusal e) {
        return error(status(e.kind()), e.code(), e.getMessage());
    }

    /** The one place a domain refusal becomes an HTTP status (API.md, Conventions: Errors). */
    static int status(Refusal.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case PRECONDITION_FAILED -> 412;
            case UNPROCESSABLE -> 422;
        };
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Envelopes.ErrorBody> invalid(MethodArgumentNotValidException e) {
        String message = e.getBindingResult().getFieldErrors().stream()
                .map(ErrorHandler::describe).sorted().collect(Collectors.joining("; "));
        if (message.isEmpty()) {
            message = e.getBindingResult().getAllErrors().stream()
                    .map(o -> o.getDefaultMessage()).collect(Collectors.joining("; "));
        }
        return error(400, "invalid_request", message);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Envelopes.ErrorBody> invalidParameters(HandlerMethodValidationException e) {
        String message = e.getParameterValidationResults().stream()
                .map(r -> r.getMethodParameter().getParameterName() + " " + r.getResolvableErrors().stream()
                        .map(err -> err.getDefaultMessage()).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
        return error(400, "invalid_request", message);
    }

    private static String describe(FieldError f) {
        return f.getField() + " " + f.getDefaultMessage();
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Envelopes.ErrorBody> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException u) {
            return error(400, "unknown_field", "unknown field '" + u.getPropertyName() + "'");
        }
        if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
            MismatchedInputException m = (MismatchedInputException) cause;
            String field = m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return error(400, "invalid_request", field.isEmpty()
                    ? "the request body has the wrong shape"
                    : "field '" + field + "' has the wrong type or format");
        }
        return error(400, "malformed_json", "the request body is not valid JSON");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Envelopes.ErrorBody> typeMismatch(MethodArgumentTypeMismatchException e) {
        return error(400, "invalid_parameter", "parameter '" + e.getName() + "' has the wrong type");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Envelopes.ErrorBody> missingParameter(MissingServletRequestParameterException e) {
        return error(400, "missing_parameter", "parameter '" + e.getParameterName() + "' is required");
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<Envelopes.ErrorBody> missingHeader(MissingRequestHeaderException e) {
        return error(400, "missing_header", "header '" + e.getHeaderName() + "' is required");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Envelopes.ErrorBody> method(HttpRequestMethodNotSupportedException e) {
        return error(405, "method_not_allowed", e.getMethod() + " is not supported here");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Envelopes.ErrorBody> mediaType(HttpMediaTypeNotSupportedException e) {
        return error(415, "unsupported_media_type", "send the body as application/json");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Envelopes.ErrorBody> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return error(406, "not_acceptable", "this endpoint answers application/json");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Envelopes.ErrorBody> noRoute(NoResourceFoundException e) {
        return error(404, "not_found", "no such endpoint");
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Envelopes.ErrorBody> aggregateNotFound(AggregateNotFoundException e) {
        return error(404, "not_found", "the resource was not found");
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<Envelopes.ErrorBody> concurrency(ConcurrencyException e) {
        return error(409, "concurrent_modification", "the resource changed concurrently; retry the request");
    }

    /** Axon may wrap a handler's refusal; unwrap to what the handler meant. */
    @ExceptionHandler({CommandExecutionException.class, AxonException.class})
    ResponseEntity<Envelopes.ErrorBody> axon(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Refusal refusal) {
                return refused(refusal);
            }
            if (t instanceof ApiException api) {
                return api(api);
            }
            if (t instanceof AggregateNotFoundException) {
                return error(404, "not_found", "the resource was not found");
            }
            if (t instanceof ConcurrencyException) {
                return error(409, "concurrent_modification", "the resource changed concurrently; retry the request");
            }
        }
        return unexpected(e);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Envelopes.ErrorBody> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR.value(), "internal_error",
                "something went wrong on our side; quote the X-Request-Id when you report it");
    }
}
