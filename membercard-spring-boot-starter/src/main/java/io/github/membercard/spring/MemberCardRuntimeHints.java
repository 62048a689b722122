package io.github.membercard.spring;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * What a native image needs that static analysis cannot see: JDK proxies of every API interface
 * (the starter's observing proxy and Feign's), reflection on the generated models (Jackson reads
 * and writes them through their annotated accessors, and the runtime reads their encryption
 * markers), and the PEM key resources an application packages.
 */
class MemberCardRuntimeHints implements RuntimeHintsRegistrar {

  /** The package the generator writes the models to. */
  static final String MODEL_PACKAGE = "io.github.membercard.client.model";

  @Override
  public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
    for (Class<?> api : MemberCardApiRegistrar.apiInterfaces()) {
      hints.proxies().registerJdkProxy(api);
      hints.reflection().registerType(api, MemberCategory.INVOKE_PUBLIC_METHODS);
    }
    ClassPathScanningCandidateComponentProvider models =
        new ClassPathScanningCandidateComponentProvider(false);
    models.addIncludeFilter(new RegexPatternTypeFilter(java.util.regex.Pattern.compile(".*")));
    for (BeanDefinition model : models.findCandidateComponents(MODEL_PACKAGE)) {
      hints
          .reflection()
          .registerType(
              ClassUtils.resolveClassName(model.getBeanClassName(), classLoader),
              MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
              MemberCategory.INVOKE_DECLARED_METHODS,
              MemberCategory.ACCESS_DECLARED_FIELDS);
    }
    hints.resources().registerPattern("*.pem").registerPattern("**/*.pem");
  }
}
