package io.github.membercard.spring.webhook;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;

/**
 * An {@link Observation} named {@value #NAME} around each request to the notify URL, tagged with
 * its outcome and, once verified, its event type: never anything from an unverified request, and
 * never personal data.
 */
final class NotificationObservations {

  /** The observation's name; its timer has the same name. */
  static final String NAME = "membercard.notification";

  /** The event type tag of a request that never verified. */
  static final String UNVERIFIED = "none";

  /** How a request to the notify URL ended. */
  enum Outcome {
    /** Verified, handed over and acknowledged with 200. */
    ACKNOWLEDGED,
    /** Verified, but the listener threw: answered 500 for a later delivery. */
    LISTENER_FAILED,
    /** Failed verification or decryption: 400. */
    INVALID,
    /** Without the Wechatpay-* headers: 400 before the body was read. */
    UNSIGNED,
    /** Over the body limit: 413. */
    TOO_LARGE,
    /** The body did not arrive before its deadline: 408. */
    TIMED_OUT,
    /** Not verifiable yet, such as before the platform certificates are downloaded: 500. */
    NOT_READY,
    /** The connection broke while the body arrived. */
    BROKEN
  }

  private final ObservationRegistry registry;

  NotificationObservations(ObservationRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  Exchange start() {
    return new Exchange(
        Observation.createNotStarted(NAME, registry)
            .contextualName("wechatpay notification")
            .start());
  }

  /** One request's observation, stopped once with its outcome. */
  static final class Exchange {

    private final Observation observation;

    private Exchange(Observation observation) {
      this.observation = observation;
    }

    void refused(Outcome outcome) {
      handled(UNVERIFIED, outcome);
    }

    void handled(String eventType, Outcome outcome) {
      observation
          .lowCardinalityKeyValue("event.type", eventType)
          .lowCardinalityKeyValue("outcome", outcome.name())
          .stop();
    }
  }
}
