package io.github.membercard.spring;

import io.github.membercard.client.MemberCardApis;
import io.github.membercard.wechatpay.WechatPayClient;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * Registers a bean for every generated API interface, as the generator lists them in {@link
 * MemberCardApis} (no endpoint is listed by hand: an interface the spec gains becomes a bean with
 * the next build). Each bean observes its calls and sends them through the application's {@link
 * WechatPayClient} (see {@link MemberCardApiFactoryBean}), and is left out when the application
 * already defines a bean of that interface, as {@code @ConditionalOnMissingBean} would.
 */
class MemberCardApiRegistrar implements ImportBeanDefinitionRegistrar {

  @Override
  public void registerBeanDefinitions(
      AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
    ListableBeanFactory existing = (ListableBeanFactory) registry;
    for (Class<?> api : apiInterfaces()) {
      if (existing.getBeanNamesForType(api, true, false).length == 0) {
        registry.registerBeanDefinition(ClassUtils.getShortNameAsProperty(api), definition(api));
      }
    }
  }

  /**
   * A factory bean definition by class and constructor argument alone, with no instance supplier,
   * so that ahead-of-time processing can write it as code; its target type lets Spring match the
   * interface without making the bean.
   */
  static RootBeanDefinition definition(Class<?> api) {
    RootBeanDefinition definition = new RootBeanDefinition(MemberCardApiFactoryBean.class);
    definition.getConstructorArgumentValues().addIndexedArgumentValue(0, api);
    definition.setTargetType(
        ResolvableType.forClassWithGenerics(MemberCardApiFactoryBean.class, api));
    definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
    return definition;
  }

  /** Returns the generated API interfaces, from the list the generator writes beside them. */
  static List<Class<?>> apiInterfaces() {
    return MemberCardApis.ALL;
  }
}
