package io.github.membercard.spring;

import io.github.membercard.wechatpay.WechatPayClient;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.RegexPatternTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Registers a bean for every generated API interface, found by scanning {@value #API_PACKAGE} (no
 * endpoint is listed by hand: an interface the spec gains becomes a bean with the next build). Each
 * bean observes its calls and sends them through the application's {@link WechatPayClient} (see
 * {@link MemberCardApiFactoryBean}), and is left out when the application already defines a bean of
 * that interface, as {@code @ConditionalOnMissingBean} would.
 */
class MemberCardApiRegistrar implements ImportBeanDefinitionRegistrar {

  /** The package the generator writes the API interfaces to. */
  static final String API_PACKAGE = "io.github.membercard.client.api";

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

  /**
   * Returns the generated API interfaces, in name order: the one place the list is read from. Today
   * it scans the generator's package; a list the generator writes replaces the scan here.
   */
  static List<Class<?>> apiInterfaces() {
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false) {
          @Override
          protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
            return definition.getMetadata().isInterface()
                && definition.getMetadata().isIndependent();
          }
        };
    scanner.addIncludeFilter(new RegexPatternTypeFilter(java.util.regex.Pattern.compile(".*Api")));
    List<Class<?>> apis = new ArrayList<>();
    for (BeanDefinition candidate : scanner.findCandidateComponents(API_PACKAGE)) {
      apis.add(
          ClassUtils.resolveClassName(
              candidate.getBeanClassName(), MemberCardApiRegistrar.class.getClassLoader()));
    }
    apis.sort(java.util.Comparator.comparing(Class::getName));
    return apis;
  }
}
