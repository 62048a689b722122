package io.github.membercard.spring;

import io.github.membercard.wechatpay.WechatPayClient;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Makes the bean of one generated API interface: a proxy that observes each call and sends it
 * through the application's {@link WechatPayClient}, looked up on the first call (so that a client
 * still to download its platform certificates is not built at start-up). Registered by class and
 * interface alone, which Spring's ahead-of-time processing can write as code.
 *
 * @param <T> the API interface
 */
final class MemberCardApiFactoryBean<T> implements FactoryBean<T>, BeanFactoryAware {

  private final Class<T> api;
  private BeanFactory beanFactory;

  MemberCardApiFactoryBean(Class<T> api) {
    this.api = Objects.requireNonNull(api, "api");
  }

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beanFactory = beanFactory;
  }

  @Override
  public T getObject() {
    ObjectProvider<WechatPayClient> clients = beanFactory.getBeanProvider(WechatPayClient.class);
    ObservationRegistry observations =
        beanFactory
            .getBeanProvider(ObservationRegistry.class)
            .getIfAvailable(() -> ObservationRegistry.NOOP);
    return ObservedApi.create(api, clients::getObject, observations);
  }

  @Override
  public Class<T> getObjectType() {
    return api;
  }
}
