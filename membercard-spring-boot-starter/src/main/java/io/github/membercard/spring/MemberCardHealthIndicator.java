package io.github.membercard.spring;

import io.github.membercard.spring.MemberCardProperties.KeyMode;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The auto-configured client's health from what it already knows, never from a call of its own to
 * WeChat Pay: in public key mode the keys were loaded and checked at start-up (UP); in the
 * certificate modes UNKNOWN until the first call downloaded the platform certificates, UP once one
 * did, and DOWN with the failure while the last attempt failed.
 */
class MemberCardHealthIndicator implements HealthIndicator {

  private final MemberCardClientSource source;

  MemberCardHealthIndicator(MemberCardClientSource source) {
    this.source = source;
  }

  @Override
  public Health health() {
    KeyMode mode = source.keyMode();
    Health.Builder health = new Health.Builder().withDetail("keyMode", mode.name());
    if (mode == KeyMode.PUBLIC_KEY) {
      return health.up().withDetail("keys", "loaded and checked at start-up").build();
    }
    if (source.ready()) {
      return health.up().withDetail("platformCertificates", "downloaded").build();
    }
    MemberCardClientSource.Failure failure = source.lastFailure();
    if (failure == null) {
      return health
          .unknown()
          .withDetail("platformCertificates", "not downloaded yet: the first call downloads them")
          .build();
    }
    return health
        .down()
        .withDetail("platformCertificates", "the last download failed")
        .withDetail("lastAttempt", failure.at().toString())
        .withDetail("failure", failure.exception().getClass().getSimpleName())
        .build();
  }
}
