package io.cactus.dashboard.web;

import io.cactus.dashboard.domain.ConflictException;
import io.cactus.dashboard.domain.InvalidFieldException;
import io.cactus.dashboard.domain.NotFoundException;
import java.net.ConnectException;
import io.cactus.webhooks.WebhookStoreException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import io.cactus.webhooks.endpoint.ManagedEndpointException;
import io.cactus.webhooks.http.AddressNotAllowedException;
import io.cactus.webhooks.http.UrlNotAllowedException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error as RFC 9457 problem details ({@code application/problem+json}). Errors about
 * request fields carry an {@code errors} list of {@code {"field", "message"}}. Rejected values are
 * never echoed back: one of them could be a password.
 *
 * <ul>
 *   <li>400: bean validation, malformed JSON, a {@code clientId} that names no client, and a
 *       webhook endpoint URL the network policy refuses (a loopback port, a private or metadata
 *       address, a path not allowed on the app's own port), with the policy's reason</li>
 *   <li>404: an unknown id in the URL</li>
 *   <li>409: a uniqueness rule, such as a user's email; an edit of a webhook endpoint managed by
 *       configuration</li>
 *   <li>413: a body over the size limit</li>
 *   <li>503: the database cannot be reached (no connection, or it went away mid-request); nothing
 *       was committed, and the request can be sent again ({@code Retry-After})</li>
 *   <li>500: anything unexpected, such as the webhook store failing (the transaction is rolled back)</li>
 * </ul>
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(fieldError(error.getField(), error.getDefaultMessage()));
        }
        for (ObjectError error : ex.getBindingResult().getGlobalErrors()) {
            errors.add(fieldError(error.getObjectName(), error.getDefaultMessage()));
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request has invalid fields.");
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedByTooLargeBody(ex)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                    ex.getMostSpecificCause().getMessage());
            return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request body is missing or is not valid JSON of the expected shape.");
        problem.setTitle("Malformed request body");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler(InvalidFieldException.class)
    ProblemDetail invalidField(InvalidFieldException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(fieldError(ex.field(), ex.getMessage())));
        return problem;
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        problem.setTitle("Conflict");
        problem.setProperty("errors", List.of(fieldError(ex.field(), ex.getMessage())));
        return problem;
    }

    /**
     * An edit of an endpoint managed by configuration (PUT, DELETE, rotating or retiring its
     * secrets): nothing was changed; the detail names the endpoint and where it is configured.
     */
    @ExceptionHandler(ManagedEndpointException.class)
    ProblemDetail managedEndpoint(ManagedEndpointException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        problem.setTitle("Endpoint managed by configuration");
        problem.setProperty("endpointId", ex.endpointId());
        problem.setProperty("managedBy", ex.origin());
        return problem;
    }

    /**
     * An endpoint URL the network policy refuses, thrown by the library's admin view when the
     * endpoint is saved: nothing was stored. The reason is the policy's, without the URL itself
     * (never echoed back); {@code address} is the refused IP literal, when it was one.
     */
    @ExceptionHandler(UrlNotAllowedException.class)
    ProblemDetail urlNotAllowed(UrlNotAllowedException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The endpoint URL is not allowed by the network policy: " + ex.reason());
        problem.setTitle("URL not allowed");
        problem.setProperty("errors", List.of(fieldError("url", "not allowed: " + ex.reason())));
        if (ex instanceof AddressNotAllowedException address) {
            problem.setProperty("address", address.address());
        }
        return problem;
    }

    /** A constraint caught by the database after the checks passed, e.g. two registrations racing. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail dataIntegrity(DataIntegrityViolationException ex) {
        log.info("Request rejected by a database constraint: {}", ex.getMostSpecificCause().getClass().getName());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The change conflicts with data stored meanwhile; nothing was written.");
        problem.setTitle("Conflict");
        return problem;
    }

    /**
     * Anything else is our fault: logged in full here, answered without details. Except the database
     * being unreachable, which is an outage rather than a bug: 503, so clients and load balancers retry.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        if (databaseUnavailable(ex)) {
            log.warn("Request refused: the database is unavailable ({}); nothing of it was committed",
                    ex.getClass().getSimpleName());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The database is unavailable; nothing was written. Try again later.");
            problem.setTitle("Service unavailable");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        log.error("Request failed; nothing of it was committed", ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request failed on the server; nothing was written.");
        problem.setTitle("Internal error");
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /**
     * No connection could be had, or the one in use broke: Spring's transaction and DAO wrappers
     * ({@code CannotCreateTransactionException}, {@code DataAccessResourceFailureException}), the
     * webhook store's {@link WebhookStoreException#isUnavailable()}, or the driver's own exceptions,
     * anywhere in the chain.
     */
    private static boolean databaseUnavailable(Throwable ex) {
        return databaseUnavailable(ex, 0);
    }

    private static boolean databaseUnavailable(Throwable t, int depth) {
        if (t == null || depth > 16) {
            return false;
        }
        if (t instanceof WebhookStoreException store && store.isUnavailable()) {
            return true;
        }
        if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                || t instanceof ConnectException
                || (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08"))) {
            return true;
        }
        // A broken connection also breaks the rollback; Spring then throws the rollback failure and
        // keeps the application's exception aside.
        if (t instanceof TransactionSystemException tx && tx.getApplicationException() != null
                && databaseUnavailable(tx.getApplicationException(), depth + 1)) {
            return true;
        }
        return databaseUnavailable(t.getCause(), depth + 1);
    }

    private static boolean causedByTooLargeBody(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof RequestSizeLimitFilter.RequestTooLargeException) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> fieldError(String field, String message) {
        return Map.of("field", field, "message", message == null ? "is invalid" : message);
    }
}
